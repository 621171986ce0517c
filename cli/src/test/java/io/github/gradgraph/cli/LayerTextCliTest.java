package io.github.gradgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --layers reads the layer text verbatim in every command that takes it, and names a wrong token's position. */
class LayerTextCliTest {
    @TempDir
    Path dir;

    @Test
    void train_readsLayersWithTheirOwnActivationsBnAndDropout_andResumesFromTheirText() throws Exception {
        String text = "2, 16 relu, bn, dropout0.2, 8 relu, 1 sigmoid";
        CliTest.Run r = CliTest.run("train", "--data", "moons", "--layers", text, "--epochs", "3", "--out",
                dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.lastLine());
        assertEquals(text, j.path("network").asText());
        assertEquals("[2,16,8,1]", j.path("layers").toString());
        CliTest.Run resumed = CliTest.run("train", "--resume", dir.resolve("model.safetensors").toString(),
                "--epochs", "4", "--out", dir.resolve("more").toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("layers " + text), resumed.out());
    }

    @Test
    void sizesAlone_keepTheirMeaning_inDeriveGraphGradcheckAndBench() {
        CliTest.Run d = CliTest.run("derive", "--layers", "784, 256, 128, 10", "--activation", "relu",
                "--output-activation", "softmax");
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("A[3] = softmax(Z[3])"), d.out());
        CliTest.Run g = CliTest.run("gradcheck", "--data", "moons", "--layers", "2, 4 tanh, bn, 1 sigmoid");
        assertEquals(0, g.code(), g.err());
    }

    @Test
    void aWrongToken_isNamedWithItsPosition_exitTwo() {
        CliTest.Run r = CliTest.run("train", "--layers", "2, 16 relu, bn, dropuot0.2, 1", "--out", dir.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--layers '2, 16 relu, bn, dropuot0.2, 1': layer 3 'dropuot0.2': unknown layer; "
                + "expected a size, bn, dropoutP"), r.err());
        CliTest.Run both = CliTest.run("train", "--layers", "2, 8 relu, bn, 1", "--batch-norm", "--out",
                dir.toString());
        assertEquals(Main.BAD_INPUT, both.code());
        assertTrue(both.err().contains("use one or the other"), both.err());
    }
}
