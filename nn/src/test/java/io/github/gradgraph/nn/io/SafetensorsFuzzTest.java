package io.github.gradgraph.nn.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the checkpoint reader (Jazzer): any bytes give a verified checkpoint or a
 * {@link CheckpointException} naming the file — never another exception. Replays the committed inputs in
 * {@code mvn verify}; {@code JAZZER_FUZZ=1 mvn test -pl nn -Dtest=SafetensorsFuzzTest} fuzzes.
 */
class SafetensorsFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void load_givesACheckpointOrACheckpointError(byte[] input) throws IOException {
        Path file = Files.createTempFile("fuzz", ".safetensors");
        try {
            Files.write(file, input);
            Safetensors.load(file);
        } catch (CheckpointException e) {
            if (!e.getMessage().startsWith(file.toString())) {
                throw new AssertionError("the message does not name the file: " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
