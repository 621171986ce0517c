package io.github.gradgraph.cli;

import static io.github.gradgraph.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gradgraph.nn.data.FashionMnist;
import io.github.gradgraph.nn.data.Idx;
import io.github.gradgraph.nn.data.NumericArray;
import io.github.gradgraph.nn.io.Safetensors;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's convolutional commands, verbatim, on a small Fashion-MNIST-shaped folder: LeNet-5 trains, predicts,
 * resumes, passes its gradient check, derives and benches; the course's SIGNS net derives and benches.
 */
class ConvNetCliTest {
    static final String LENET = "28x28x1, conv5x5x6 pad2, maxpool2, conv5x5x16, maxpool2, 120, 84, 10";
    static final String SIGNS = "64x64x3, conv4x4x8 same, maxpool8 same, conv2x2x16 same, maxpool4 same, 6";

    @TempDir
    Path dir;

    private String before;

    @BeforeEach
    void fashionMnistShapedFolder() throws java.io.IOException {
        Path folder = java.nio.file.Files.createDirectories(dir.resolve("fashion"));
        Random r = new Random(4);
        for (String prefix : List.of("train", "t10k")) {
            int m = prefix.equals("train") ? 40 : 12;
            double[] x = new double[m * 784];
            double[] y = new double[m];
            for (int j = 0; j < m; j++) {
                y[j] = j % 10;
                for (int p = 0; p < 784; p++) {
                    x[j * 784 + p] = (p / 28 + j) % 10 == 0 ? 255 : r.nextInt(40);
                }
            }
            Idx.write(folder.resolve(prefix + "-images-idx3-ubyte.gz"), Idx.UBYTE,
                    new NumericArray("x", new int[] {m, 28, 28}, x));
            Idx.write(folder.resolve(prefix + "-labels-idx1-ubyte.gz"), Idx.UBYTE,
                    new NumericArray("y", new int[] {m}, y));
        }
        before = System.getProperty(FashionMnist.FOLDER_PROPERTY);
        System.setProperty(FashionMnist.FOLDER_PROPERTY, folder.toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(FashionMnist.FOLDER_PROPERTY);
        } else {
            System.setProperty(FashionMnist.FOLDER_PROPERTY, before);
        }
    }

    @Test
    void leNet5_trainsPredictsResumesAndChecksItsGradients() throws Exception {
        Path out = dir.resolve("lenet");
        CliTest.Run r = run("train", "--data", "fashion-mnist", "--layers", LENET, "--activation", "relu",
                "--output-activation", "softmax", "--optimizer", "adam", "--lr", "0.001", "--batch-size", "16",
                "--epochs", "2", "--no-progress", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("gradient check passed"), r.out());
        JsonNode json = new ObjectMapper().readTree(r.lastLine());
        assertEquals(12, json.get("test_size").asInt());
        assertTrue(json.get("test_accuracy").isNumber(), json.toString());
        assertTrue(json.get("network").asText().startsWith("28x28x1, conv5x5x6 pad2 relu, maxpool2"), json.toString());
        Path model = out.resolve("model.safetensors");
        var checkpoint = Safetensors.load(model);
        assertEquals(6, checkpoint.params().get("W1").numRows);
        assertEquals(25, checkpoint.params().get("W1").numCols);
        assertEquals(16 * 150, checkpoint.params().get("W2").getNumElements());
        assertEquals(400, checkpoint.params().get("W3").numCols);

        CliTest.Run p = run("predict", "--model", model.toString(), "--data",
                dir.resolve("fashion").resolve("t10k-images-idx3-ubyte.gz").toString());
        assertEquals(0, p.code(), p.err());
        assertEquals(1 + 12, p.out().lines().count(), p.out());

        CliTest.Run resumed = run("train", "--resume", model.toString(), "--epochs", "1", "--no-progress", "--json",
                "--out", out.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(3, new ObjectMapper().readTree(resumed.lastLine()).get("epochs").asInt());

        CliTest.Run g = run("gradcheck", "--data", "fashion-mnist", "--layers", LENET, "--activation", "relu",
                "--output-activation", "softmax", "--max-entries", "30");
        assertEquals(0, g.code(), g.err() + g.out());
        assertTrue(g.out().contains("W1") && g.out().contains("kinks"), g.out());
    }

    @Test
    void bothNets_deriveAndBench_asWritten() throws Exception {
        for (String layers : List.of(LENET, SIGNS)) {
            CliTest.Run d = run("derive", "--layers", layers, "--activation", "relu", "--output-activation",
                    "softmax");
            assertEquals(0, d.code(), d.err());
            assertTrue(d.out().contains("Z[1] = conv2d(A[0], W[1], b[1], image=["), d.out());
            assertTrue(d.out().contains("dP[1] = conv2dᵀ(dZ[2], W[2])"), d.out());
            assertTrue(d.out().contains("dW[1] = (1/m)·conv2d_dW(A[0], dZ[1])"), d.out());
            assertTrue(d.out().contains("dA[1] = maxpoolᵀ(A[1], dP[1])"), d.out());
            CliTest.Run b = run("bench", "--layers", layers, "--output", "softmax", "--batch", "8", "--dtype", "f32",
                    "--seconds", "0.05", "--json");
            assertEquals(0, b.code(), b.err());
            assertTrue(new ObjectMapper().readTree(b.lastLine()).get("us_per_step").asDouble() > 0, b.out());
        }
    }
}
