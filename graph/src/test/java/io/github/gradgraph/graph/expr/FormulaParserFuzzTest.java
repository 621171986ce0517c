package io.github.gradgraph.graph.expr;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.GraphException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the formula parser (Jazzer): any text gives a formula or the project's own exception with
 * a message — never an unchecked exception of another kind, a hang or a stack overflow. {@code mvn verify} replays the
 * committed inputs (src/test/resources/…/FormulaParserFuzzTestInputs); {@code JAZZER_FUZZ=1 mvn test -pl graph
 * -Dtest=FormulaParserFuzzTest} fuzzes (see docs/decisions/0005).
 */
class FormulaParserFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parse_givesAFormulaOrAnExpressionError(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            Formula f = FormulaParser.parse(text, Map.of("W", Shape.of(2, 3), "X", Shape.of(3, 4)), Shape.SCALAR);
            if (f.result() == null) {
                throw new AssertionError("a parsed formula without a result: " + text);
            }
        } catch (GraphException e) { // ExpressionException and the shape errors are GraphExceptions
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("an error without a message for: " + text, e);
            }
        }
    }
}
