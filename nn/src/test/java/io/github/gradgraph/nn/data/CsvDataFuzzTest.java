package io.github.gradgraph.nn.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the CSV reader (Jazzer): any bytes give a data set or a {@link DataException} naming
 * the file — never another exception. Replays the committed inputs in {@code mvn verify};
 * {@code JAZZER_FUZZ=1 mvn test -pl nn -Dtest=CsvDataFuzzTest} fuzzes.
 */
class CsvDataFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void load_givesADataSetOrADataError(byte[] input) throws IOException {
        Path file = Files.createTempFile("fuzz", ".csv");
        try {
            Files.write(file, input);
            Dataset d = CsvData.load(file, null);
            if (d.size() != d.x().numCols || d.labels().length != d.size()) {
                throw new AssertionError("inconsistent data set from " + new String(input));
            }
        } catch (DataException e) {
            if (!e.getMessage().contains(file.getFileName().toString())) {
                throw new AssertionError("the message does not name the file: " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
