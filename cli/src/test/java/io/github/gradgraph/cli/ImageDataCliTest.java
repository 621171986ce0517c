package io.github.gradgraph.cli;

import static io.github.gradgraph.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gradgraph.nn.data.FashionMnist;
import io.github.gradgraph.nn.data.Idx;
import io.github.gradgraph.nn.data.NumericArray;
import io.github.gradgraph.nn.io.Safetensors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images end to end: {@code --data fashion-mnist} on a synthetic folder (its own test split, its scale, its class
 * names, resumed, gradchecked), IDX files with {@code --labels}, the one-line refusal when the package is missing,
 * and predict on a picture written here.
 */
class ImageDataCliTest {
    /** Images in the synthetic folder: pixel p of image j is (j·7 + p) mod 256, its label j mod 10. */
    private static final int TRAIN = 3;
    private static final int TEST = 2;

    @TempDir
    Path dir;

    private Path folder;
    private String before;

    @BeforeEach
    void syntheticFashionMnist() {
        System.setProperty("java.awt.headless", "true");
        folder = dir.resolve("fashion");
        write(folder, "train", TRAIN);
        write(folder, "t10k", TEST);
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

    private static int pixel(int image, int p) {
        return (image * 7 + p) % 256;
    }

    private static void write(Path folder, String prefix, int m) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        double[] x = new double[m * 784];
        double[] y = new double[m];
        for (int j = 0; j < m; j++) {
            for (int p = 0; p < 784; p++) {
                x[j * 784 + p] = pixel(j, p);
            }
            y[j] = j % 10;
        }
        Idx.write(folder.resolve(prefix + "-images-idx3-ubyte.gz"), Idx.UBYTE, new NumericArray("x",
                new int[] {m, 28, 28}, x));
        Idx.write(folder.resolve(prefix + "-labels-idx1-ubyte.gz"), Idx.UBYTE, new NumericArray("y",
                new int[] {m}, y));
    }

    private CliTest.Run train(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", "fashion-mnist", "--no-progress",
                "--out", out.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(new String[0]));
    }

    @Test
    void fashionMnist_trainsOnItsTrainingImages_testsOnItsTestImages_scaledNotStandardized() throws IOException {
        Path out = dir.resolve("out");
        CliTest.Run r = train(out, "--layers", "28x28x1, 5 relu, 10 softmax", "--epochs", "2", "--batch-size",
                "all", "--save-every", "1", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fashion-mnist (3 train / 2 test from fashion-mnist test set; scale "
                + 1 / 255.0 + ", not standardized)"), r.out());
        JsonNode json = new ObjectMapper().readTree(r.lastLine());
        assertEquals(3, json.get("train_size").asInt());
        assertEquals(2, json.get("test_size").asInt());
        assertTrue(json.get("test_accuracy").isNumber(), json.toString());
        List<String> history = Files.readAllLines(out.resolve("history.csv"));
        assertFalse(history.get(2).split(",")[3].isEmpty(), history.get(2)); // the test accuracy of epoch 2
        var model = Safetensors.load(out.resolve("model.safetensors"));
        assertEquals(FashionMnist.CLASSES, model.classNames());
        assertEquals(1 / 255.0, model.scale(), 0.0);
        assertEquals(null, model.standardizer());

        CliTest.Run resumed = run("train", "--resume", out.resolve("model.safetensors").toString(), "--epochs", "1",
                "--no-progress", "--json", "--out", out.toString());
        assertEquals(0, resumed.code(), resumed.err());
        JsonNode again = new ObjectMapper().readTree(resumed.lastLine());
        assertEquals(3, again.get("epochs").asInt());
        assertEquals(2, again.get("test_size").asInt());
        assertEquals("fashion-mnist", again.get("dataset").asText());
    }

    @Test
    void fashionMnist_gradcheck_andItsOwnTestSetOnly() {
        CliTest.Run g = run("gradcheck", "--data", "fashion-mnist", "--layers", "784,3,10", "--max-entries", "20",
                "--json");
        assertEquals(0, g.code(), g.err());
        CliTest.Run split = train(dir.resolve("o"), "--test-fraction", "0.5");
        assertEquals(Main.BAD_INPUT, split.code());
        assertTrue(split.err().contains("--test-fraction does not apply to fashion-mnist"), split.err());
    }

    @Test
    void fashionMnist_missing_oneLineThatSaysHowToInstall() {
        System.setProperty(FashionMnist.FOLDER_PROPERTY, dir.resolve("nowhere").toString());
        CliTest.Run r = train(dir.resolve("o"), "--epochs", "1");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("fashion-mnist is not installed"), r.err());
        assertTrue(r.err().contains("apt-get install dataset-fashion-mnist"), r.err());
        assertEquals(1, r.err().lines().count(), r.err()); // no stack trace
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void idxFiles_withLabels_thenPredictOnTheIdxImagesAndOnAPicture() throws IOException {
        Path out = dir.resolve("idx");
        CliTest.Run unlabelled = run("train", "--data", folder.resolve("train-images-idx3-ubyte.gz").toString(),
                "--out", out.toString());
        assertEquals(Main.BAD_INPUT, unlabelled.code());
        assertTrue(unlabelled.err().contains("is an IDX file, which holds one array; give its labels with --labels"),
                unlabelled.err());
        CliTest.Run r = run("train", "--data", folder.resolve("train-images-idx3-ubyte.gz").toString(), "--labels",
                folder.resolve("train-labels-idx1-ubyte.gz").toString(), "--test-data",
                folder.resolve("t10k-images-idx3-ubyte.gz").toString(), "--scale", "1/255", "--layers",
                "28x28x1, 4 relu, 3 softmax", "--epochs", "3", "--no-progress", "--no-gradcheck", "--out",
                out.toString());
        assertEquals(Main.BAD_INPUT, r.code(), r.out()); // --labels are the training images' labels
        assertTrue(r.err().contains("is an IDX file, which holds one array; give its labels with --test-labels"),
                r.err());

        r = run("train", "--data", folder.resolve("train-images-idx3-ubyte.gz").toString(), "--labels",
                folder.resolve("train-labels-idx1-ubyte.gz").toString(), "--test-data",
                folder.resolve("t10k-images-idx3-ubyte.gz").toString(), "--test-labels",
                folder.resolve("t10k-labels-idx1-ubyte.gz").toString(), "--scale", "1/255", "--layers",
                "28x28x1, 4 relu, 3 softmax", "--epochs", "3", "--no-progress", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2, new ObjectMapper().readTree(r.lastLine()).get("test_size").asInt());
        Path model = out.resolve("model.safetensors");

        CliTest.Run fromIdx = run("predict", "--model", model.toString(), "--data",
                folder.resolve("t10k-images-idx3-ubyte.gz").toString());
        assertEquals(0, fromIdx.code(), fromIdx.err());
        List<String> rows = fromIdx.out().lines().toList();
        assertEquals("p_0,p_1,p_2,predicted", rows.get(0));
        assertEquals(1 + TEST, rows.size());

        BufferedImage grey = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int h = 0; h < 28; h++) {
            for (int w = 0; w < 28; w++) {
                grey.getRaster().setSample(w, h, 0, pixel(0, h * 28 + w)); // test image 0, row h, column w
            }
        }
        Path png = dir.resolve("zero.png");
        ImageIO.write(grey, "png", png.toFile());
        CliTest.Run fromPng = run("predict", "--model", model.toString(), "--data", png.toString());
        assertEquals(0, fromPng.code(), fromPng.err());
        assertEquals(List.of(rows.get(0), rows.get(1)), fromPng.out().lines().toList()); // the same numbers

        BufferedImage rgb = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB); // grey as RGB: luma is the same
        for (int h = 0; h < 28; h++) {
            for (int w = 0; w < 28; w++) {
                int v = pixel(0, h * 28 + w);
                rgb.setRGB(w, h, v << 16 | v << 8 | v);
            }
        }
        Path bmp = dir.resolve("zero.bmp");
        ImageIO.write(rgb, "bmp", bmp.toFile());
        assertEquals(fromPng.out(), run("predict", "--model", model.toString(), "--data", bmp.toString()).out());

        Path small = dir.resolve("small.png");
        ImageIO.write(new BufferedImage(30, 20, BufferedImage.TYPE_BYTE_GRAY), "png", small.toFile());
        CliTest.Run wrong = run("predict", "--model", model.toString(), "--data", small.toString());
        assertEquals(Main.BAD_INPUT, wrong.code());
        assertTrue(wrong.err().contains("small.png is 20×30 (height × width) but the model takes 28×28×1 images"),
                wrong.err());
    }

    @Test
    void predictOnAPicture_namesTheClass_andAVectorModelTakesItsPixels() throws IOException {
        Path out = dir.resolve("mlp");
        CliTest.Run r = train(out, "--layers", "784, 4, 10", "--activation", "relu", "--epochs", "200",
                "--batch-size", "all", "--no-gradcheck", "--lr", "0.05");
        assertEquals(0, r.code(), r.err());
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int h = 0; h < 28; h++) {
            for (int w = 0; w < 28; w++) {
                image.getRaster().setSample(w, h, 0, pixel(1, h * 28 + w)); // training image 1: a Trouser
            }
        }
        Path png = dir.resolve("trouser.png");
        ImageIO.write(image, "png", png.toFile());
        CliTest.Run p = run("predict", "--model", out.resolve("model.safetensors").toString(), "--data",
                png.toString(), "--json");
        assertEquals(0, p.code(), p.err());
        JsonNode json = new ObjectMapper().readTree(p.lastLine());
        assertEquals("Trouser", json.get("predicted").get(0).asText(), json.toString());
        assertEquals("Ankle boot", json.get("classes").get(9).asText());
        Path rgb = dir.resolve("wide.png");
        ImageIO.write(new BufferedImage(28, 30, BufferedImage.TYPE_INT_RGB), "png", rgb.toFile());
        CliTest.Run wrong = run("predict", "--model", out.resolve("model.safetensors").toString(), "--data",
                rgb.toString());
        assertEquals(Main.BAD_INPUT, wrong.code());
        assertTrue(wrong.err().contains("wide.png is 30×28 (height × width) (840 pixels: 840 grey or 2520 RGB "
                + "values) but the model takes 784 features"), wrong.err());
    }
}
