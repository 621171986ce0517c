package io.github.gradgraph.cli;

import static io.github.gradgraph.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.EpochStats;
import io.github.gradgraph.nn.Evaluator;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.Predictor;
import io.github.gradgraph.nn.data.DataFiles;
import io.github.gradgraph.nn.data.DataSource;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Npy;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.HistoryCsv;
import io.github.gradgraph.nn.io.InitialParameters;
import io.github.gradgraph.nn.io.Safetensors;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python world's workflows end to end: a course-style HDF5 image task with its own test file and given starting
 * weights, history.csv, periodic checkpoints and an exact resume, prediction from numpy files, and every refusal.
 * The fixtures come from nn's fixtures/make_fixtures.py.
 */
class DataWorkflowsCliTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    static String fixture(String name) {
        try {
            return Path.of(DataWorkflowsCliTest.class.getResource("fixtures/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private String[] course(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", fixture("train_images.h5"),
                "--x-key", "train_set_x", "--y-key", "train_set_y", "--test-data", fixture("test_images.h5"),
                "--scale", "1/255", "--layers", "48,5,1", "--activation", "relu", "--no-progress", "--out",
                out.toString()));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void courseExercise_givenWeights_separateTestFile_fullBatch_historyStartsAtTheInitialCost() throws IOException {
        Path out = dir.resolve("course");
        CliTest.Run r = run(course(out, "--init-from", fixture("init_48_5_1.safetensors"), "--optimizer", "gd",
                "--lr", "0.05", "--batch-size", "all", "--epochs", "20", "--json"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("40 train / 20 test from test_images.h5; scale 0.00392156862745098, not "
                + "standardized"), r.out());
        JsonNode json = new ObjectMapper().readTree(r.lastLine());
        assertEquals(out.resolve("history.csv").toString(), json.get("history").asText());
        List<String> lines = Files.readAllLines(out.resolve("history.csv"));
        assertEquals("epoch,loss,train_accuracy,test_accuracy,seconds,test_loss,lr,grad_norm,validation_loss,"
                + "validation_accuracy", lines.get(0));
        assertEquals(21, lines.size());
        List<EpochStats> history = HistoryCsv.read(out.resolve("history.csv"));
        for (int e = 0; e < 20; e++) {
            assertEquals(e + 1, history.get(e).epoch());
            assertTrue(history.get(e).hasTest());
        }
        assertEquals(json.get("test_accuracy").asDouble(), history.get(19).testAccuracy(), 0.0);

        // Row 1 is the cost of the given weights before any update, computed here by the library directly.
        Dataset train = DataFiles.load(new DataSource(Path.of(fixture("train_images.h5")), null, null, "train_set_x",
                "train_set_y"));
        Checkpoint saved = Safetensors.load(out.resolve("model.safetensors"));
        Dataset seen = train.withFeatures(saved.preprocessing().apply(train.x()));
        Network net = saved.network();
        ParameterStore initial = InitialParameters.load(Path.of(fixture("init_48_5_1.safetensors")), net);
        Evaluator ev = new Evaluator(net);
        assertEquals(ev.evaluate(initial, seen, ev.targets(seen)).loss(), history.get(0).loss(), 1e-15);
        assertEquals(1 / 255.0, saved.scale(), 0.0);
        assertEquals(null, saved.standardizer());
        assertTrue(history.get(19).loss() < history.get(0).loss(), "it learned");
        assertEquals("gd", saved.training().optimizer().optimizer());
        assertEquals(20, saved.training().epochs());

        // predict reads numpy, applies the saved scale, and speaks JSON.
        CliTest.Run p = run("predict", "--model", out.resolve("model.safetensors").toString(), "--data",
                fixture("test_x.npy"), "--json");
        assertEquals(0, p.code(), p.err());
        JsonNode pj = new ObjectMapper().readTree(p.lastLine());
        assertEquals(20, pj.get("probabilities").size());
        assertEquals(20, pj.get("predicted").size());
        DMatrixRMaj x = Npy.read(Path.of(fixture("test_x.npy"))).sampleColumns();
        DMatrixRMaj expected = new Predictor(net).predict(saved.params(), saved.preprocessing().apply(x));
        for (int j = 0; j < 20; j++) {
            assertEquals(expected.get(0, j), pj.get("probabilities").get(j).get(1).asDouble(), 0.0);
        }
    }

    @Test
    void resume_continuesBitwise_andTheHistoryKeepsTheWholeRun() throws IOException {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        String[] common = {"--optimizer", "adam", "--lr", "0.01", "--batch-size", "8", "--seed", "5",
            "--no-gradcheck"};
        assertEquals(0, run(concat(course(whole, "--epochs", "6", "--save-every", "3"), common)).code());
        assertEquals(0, run(concat(course(parts, "--epochs", "3"), common)).code());
        CliTest.Run r = run("train", "--resume", parts.resolve("model.safetensors").toString(), "--epochs", "3",
                "--no-progress", "--no-gradcheck", "--out", parts.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 epochs after 3 (resumed from"), r.out());
        Checkpoint a = Safetensors.load(whole.resolve("model.safetensors"));
        Checkpoint b = Safetensors.load(parts.resolve("model.safetensors"));
        for (Node p : a.network().parameters()) {
            assertArrayEquals(a.params().get(p.label()).data, b.params().get(p.label()).data, 0.0, p.label());
        }
        assertEquals(6, b.training().epochs());
        List<EpochStats> ha = HistoryCsv.read(whole.resolve("history.csv"));
        List<EpochStats> hb = HistoryCsv.read(parts.resolve("history.csv"));
        assertEquals(6, hb.size());
        for (int e = 0; e < 6; e++) {
            assertEquals(ha.get(e).loss(), hb.get(e).loss(), 0.0, "epoch " + (e + 1));
            assertEquals(ha.get(e).testAccuracy(), hb.get(e).testAccuracy(), 0.0);
        }
        // The network, optimizer and preprocessing are the checkpoint's; a different one is refused by name.
        assertBad(run("train", "--resume", parts.resolve("model.safetensors").toString(), "--layers", "48,3,1",
                "--out", parts.toString()), "--layers 48,3,1 conflicts with the resumed checkpoint's layers 48, 5 relu, 1 sigmoid");
        assertBad(run("train", "--resume", parts.resolve("model.safetensors").toString(), "--optimizer", "gd",
                "--out", parts.toString()), "--optimizer gd conflicts with the resumed checkpoint's optimizer adam");
        assertBad(run("train", "--resume", parts.resolve("model.safetensors").toString(), "--standardize", "zscore",
                "--out", parts.toString()), "--standardize zscore conflicts with the resumed checkpoint's "
                + "standardize none");
    }

    @Test
    void numpyInputs_npzWithKeys_npyWithALabelFile() {
        CliTest.Run npz = run("train", "--data", fixture("train_images.npz"), "--scale", "0.5", "--standardize",
                "zscore", "--epochs", "5", "--no-progress", "--no-gradcheck", "--out", dir.resolve("npz").toString());
        assertEquals(0, npz.code(), npz.err());
        assertTrue(npz.out().contains("32 train / 8 test; scale 0.5, standardized"), npz.out());
        CliTest.Run npy = run("train", "--data", fixture("test_x.npy"), "--labels", fixture("test_y.npy"),
                "--test-fraction", "0", "--batch-size", "all", "--epochs", "5", "--no-progress", "--no-gradcheck",
                "--out", dir.resolve("npy").toString());
        assertEquals(0, npy.code(), npy.err());
        assertTrue(npy.out().contains("20 train / 0 test; not standardized"), npy.out());
    }

    @Test
    void badCombinationsAndFiles_getOneLineNamingTheCulprit_exitTwo() throws IOException {
        Path out = dir.resolve("bad");
        assertBad(run(concat(course(out), "--test-fraction", "0.3")), "--test-data and --test-fraction both");
        assertBad(run("train", "--data", "flower", "--x-key", "a", "--out", out.toString()),
                "--x-key and --y-key apply to .npz and HDF5 files");
        assertBad(run("train", "--data", fixture("train_images.npz"), "--label-column", "3", "--out", out.toString()),
                "--label-column applies to CSV files");
        assertBad(run("train", "--data", fixture("train_images.h5"), "--out", out.toString()),
                "train_images.h5: no dataset 'X'; it has datasets train_set_x, train_set_y");
        assertBad(run(course(out, "--batch-size", "none")), "--batch-size must be a whole number ≥ 1 or all");
        assertBad(run("train", "--scale", "1/0", "--out", out.toString()), "--scale '1/0' is not a finite number other than 0");
        assertBad(run(course(out, "--standardize", "minmax")), "--standardize 'minmax': choose zscore or none");
        assertBad(run("train", "--data", fixture("train_images.npz"), "--init-from",
                fixture("init_48_5_1.safetensors"), "--layers", "48,4,1", "--out", out.toString()),
                "tensor W1 has shape [5, 48] but layers '48, 4 tanh, 1 sigmoid' need W1 of shape [4, 48]");
        Path broken = dir.resolve("broken.h5");
        Files.write(broken, java.util.Arrays.copyOf(Files.readAllBytes(Path.of(fixture("train_images.h5"))), 900));
        CliTest.Run r = run("train", "--data", broken.toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("broken.h5"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertBad(run("train", "--resume", fixture("init_48_5_1.safetensors"), "--out", out.toString()),
                "not a gradgraph checkpoint");
        assertFalse(Files.exists(out.resolve("model.safetensors")), "no half-made run");
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static void assertBad(CliTest.Run r, String expected) {
        assertEquals(Main.BAD_INPUT, r.code(), r.out() + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains(expected), () -> "'" + err + "' should contain '" + expected + "'");
        assertFalse(err.contains("Exception"), err);
    }
}
