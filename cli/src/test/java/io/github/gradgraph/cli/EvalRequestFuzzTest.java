package io.github.gradgraph.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of {@code eval}'s request handling (Jazzer): any JSON gives a result or an error that
 * {@code eval} reports as bad input with a message — never an exception it would report as a bug (exit 3). Replays the
 * committed inputs in {@code mvn verify}; {@code JAZZER_FUZZ=1 mvn test -pl cli -Dtest=EvalRequestFuzzTest} fuzzes.
 */
class EvalRequestFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "30s")
    void evaluate_givesAResultOrABadInputError(byte[] input) {
        JsonNode req;
        try {
            req = JSON.readTree(input);
        } catch (IOException e) {
            return; // not JSON: eval's reader reports that before evaluate runs
        }
        try {
            EvalCommand.evaluate(req);
        } catch (RuntimeException e) {
            if (!Main.isBadInput(e) || e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("eval would report a bug for: " + new String(input), e);
            }
        }
    }
}
