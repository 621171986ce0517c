package io.github.gradgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gradgraph.core.EjmlGemm;
import io.github.gradgraph.core.Gemm;
import io.github.gradgraph.core.MatMul;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.HistoryCsv;
import io.github.gradgraph.nn.io.Safetensors;
import io.github.gradgraph.nn.io.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line's runs recorded from the code as it was before the network became a list of layers, which must
 * stay bit for bit the same: {@code train} writes the recorded history.csv (every column but the seconds), gradient
 * check and model.safetensors (every tensor, and for the committed run the very same bytes), and {@code predict} on it
 * prints the recorded probabilities and classes, as JSON and as CSV. A model.safetensors written by {@code train}
 * (with the settings, preprocessing and regimen only the command line records) is committed: {@code predict} on it
 * gives the recorded output and {@code train --resume} from it continues to the recorded epochs and tensors.
 *
 * <p>The course's cat-vs-non-cat run is the repository's miniature of it (the HDF5 files and starting weights in
 * {@code fixtures/}); the course's own 209 images of 64×64×3 are not in the repository.
 *
 * <p>Records: {@code src/test/resources/io/github/gradgraph/cli/golden/}; see {@link GoldenRecords}.
 */
class GoldenCliTest {
    /** The run whose model.safetensors is committed. */
    static final String COMMITTED = "flower-bn-dropout-cosine-clip";
    /** Epochs {@code --resume} trains after the committed model's. */
    static final int MORE_EPOCHS = 3;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Gemm gemmBefore;
    private static Path recordedModel;

    @TempDir
    Path dir;

    @BeforeAll
    static void pinGemm() {
        System.setProperty("java.awt.headless", "true");
        gemmBefore = MatMul.backend();
        MatMul.setBackend(new EjmlGemm()); // as nn's golden runs: the same bits on any CPU
    }

    @AfterAll
    static void restoreGemm() {
        MatMul.setBackend(gemmBefore);
    }

    /**
     * One recorded {@code train} run.
     *
     * @param name    its record's name
     * @param args    the command line, without {@code --out}
     * @param predict the file {@code predict} reads after it, by fixture name or golden name
     */
    record CliRun(String name, List<String> args, String predict) {
        @Override
        public String toString() {
            return name;
        }

        Path predictData() {
            return predict.equals("points.csv") ? GoldenRecords.committed(predict)
                    : Path.of(DataWorkflowsCliTest.fixture(predict));
        }
    }

    static Stream<CliRun> runs() {
        String f = fixtures();
        return Stream.of(
                new CliRun("course-miniature-gd", List.of("train", "--data", f + "/train_images.h5", "--x-key",
                        "train_set_x", "--y-key", "train_set_y", "--test-data", f + "/test_images.h5", "--scale",
                        "1/255", "--layers", "48,5,1", "--activation", "relu", "--init-from",
                        f + "/init_48_5_1.safetensors", "--optimizer", "gd", "--lr", "0.05", "--batch-size", "all",
                        "--epochs", "30"), "test_x.npy"),
                new CliRun(COMMITTED, List.of("train", "--data", "flower", "--layers", "2,8,8,1", "--batch-norm",
                        "--dropout", "0.1", "--scale", "0.5", "--optimizer", "adam", "--lr", "0.01", "--batch-size",
                        "32", "--epochs", "8", "--seed", "3", "--lr-schedule", "cosine", "--warmup", "2",
                        "--clip-norm", "1", "--validation-fraction", "0.2", "--no-gradcheck"), "points.csv"),
                new CliRun("moons-float32", List.of("train", "--data", "moons", "--layers", "2,8,1", "--activation",
                        "tanh", "--dtype", "f32", "--save-dtype", "f32", "--optimizer", "rmsprop", "--lr", "0.01",
                        "--batch-size", "16", "--epochs", "6", "--seed", "4", "--no-gradcheck"), "points.csv"));
    }

    private static String fixtures() {
        return Path.of(DataWorkflowsCliTest.fixture("test_x.npy")).getParent().toString();
    }

    private static CliTest.Run run(List<String> args) {
        CliTest.Run r = CliTest.run(args.toArray(new String[0]));
        if (r.code() != 0) {
            fail(String.join(" ", args) + " exited with " + r.code() + ": " + r.err() + r.out());
        }
        return r;
    }

    /** @return what the checkpoint holds besides its tensors, with the fixtures' folder as {@code <fixtures>} */
    private static String describe(Checkpoint c) {
        TrainingState t = c.training();
        String text = c.spec() + "; dtype " + c.dtype() + "; classes " + c.classNames() + "; scale " + c.scale()
                + "; standardizer " + (c.standardizer() == null ? "none" : "mean "
                + Arrays.toString(c.standardizer().mean()) + " std " + Arrays.toString(c.standardizer().std()))
                + "; training " + t.epochs() + " epochs, seed " + t.seed() + ", batch " + t.batchSize() + ", lr "
                + t.lr() + ", " + t.optimizer().optimizer() + " after " + t.optimizer().steps() + " steps with buffers "
                + t.optimizer().buffers().keySet() + ", settings " + new TreeMap<>(t.settings());
        return text.replace(fixtures(), "<fixtures>");
    }

    /** @return the lines of what {@code predict} prints for the model and data, as JSON and as CSV */
    private static List<String> predictions(Path model, Path data) {
        List<String> lines = new ArrayList<>();
        CliTest.Run json = run(List.of("predict", "--model", model.toString(), "--data", data.toString(), "--json"));
        JsonNode o;
        try {
            o = JSON.readTree(json.lastLine());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder classes = new StringBuilder("classes");
        o.get("classes").forEach(k -> classes.append(' ').append(k.asText()));
        lines.add(classes.toString());
        for (JsonNode p : o.get("probabilities")) {
            StringBuilder line = new StringBuilder("probabilities");
            p.forEach(v -> line.append(' ').append(GoldenRecords.number(v.asDouble())));
            lines.add(line.toString());
        }
        StringBuilder predicted = new StringBuilder("predicted");
        o.get("predicted").forEach(k -> predicted.append(' ').append(k.asText()));
        lines.add(predicted.toString());
        CliTest.Run csv = run(List.of("predict", "--model", model.toString(), "--data", data.toString()));
        csv.out().lines().forEach(l -> lines.add("csv " + l));
        return lines;
    }

    private static void assertPredictions(String where, List<String> recorded, Path model, Path data) {
        List<String> then = recorded.stream().filter(l -> l.startsWith("classes ") || l.startsWith("probabilities ")
                || l.startsWith("predicted ") || l.startsWith("csv ")).toList();
        List<String> now = predictions(model, data);
        assertEquals(then.size(), now.size(), where + ": lines of predict's output");
        for (int i = 0; i < then.size(); i++) {
            String[] a = then.get(i).split(" ");
            String[] b = now.get(i).split(" ");
            if (a[0].equals("probabilities") && a.length == b.length) {
                for (int k = 1; k < a.length; k++) {
                    double x = GoldenRecords.parse(a[k]);
                    double y = GoldenRecords.parse(b[k]);
                    if (!GoldenRecords.same(x, y)) {
                        fail(where + ": predict --json, sample " + (i - 1) + ", class " + (k - 1) + ": recorded "
                                + GoldenRecords.show(x) + ", now " + GoldenRecords.show(y));
                    }
                }
            } else {
                assertEquals(then.get(i), now.get(i), where + ": predict's output");
            }
        }
    }

    /** @return the record of a run whose files are in {@code out} */
    private static List<String> record(String what, Path out, String gradcheck, Path predictData) {
        Checkpoint c = Safetensors.load(out.resolve("model.safetensors"));
        List<String> lines = new ArrayList<>(GoldenRecords.header(what));
        lines.add("# epoch lines: history.csv's epoch " + String.join(" ", GoldenRecords.COLUMNS) + " (NaN for an "
                + "empty cell); param lines: model.safetensors's tensors; then predict's output on "
                + predictData.getFileName() + ", JSON then CSV");
        lines.add("checkpoint " + describe(c));
        if (gradcheck != null) {
            lines.add(gradcheck);
        }
        lines.addAll(GoldenRecords.epochLines(HistoryCsv.read(out.resolve("history.csv"))));
        lines.addAll(GoldenRecords.parameterLines(c));
        lines.addAll(predictions(out.resolve("model.safetensors"), predictData));
        return lines;
    }

    private static void assertRecord(String where, List<String> then, Path out, String gradcheck, Path predictData) {
        Checkpoint c = Safetensors.load(out.resolve("model.safetensors"));
        assertEquals(GoldenRecords.line(then, "checkpoint"), "checkpoint " + describe(c), where + ": the model");
        if (gradcheck != null) {
            assertEquals(GoldenRecords.line(then, "gradcheck"), gradcheck, where + ": the gradient check");
        }
        GoldenRecords.assertEpochs(where + ": history.csv", GoldenRecords.section(then, "epoch"),
                HistoryCsv.read(out.resolve("history.csv")));
        GoldenRecords.assertParameters(where + ": model.safetensors", GoldenRecords.section(then, "param"), c);
        assertPredictions(where, then, out.resolve("model.safetensors"), predictData);
    }

    private static String gradcheck(CliTest.Run r) {
        try {
            JsonNode o = JSON.readTree(r.lastLine());
            JsonNode d = o.get("gradcheck_max_relative_difference");
            return d.isNull() ? null : "gradcheck " + GoldenRecords.number(d.asDouble()) + " "
                    + o.get("gradcheck_passed").asBoolean();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the committed model.safetensors; while recording, trained now and copied into the sources (once) */
    private static synchronized Path committedModel() throws IOException {
        String name = COMMITTED + ".safetensors";
        if (GoldenRecords.recording() && recordedModel == null) {
            CliRun run = runs().filter(r -> r.name().equals(COMMITTED)).findFirst().orElseThrow();
            Path out = Files.createTempDirectory("golden-cli");
            List<String> args = new ArrayList<>(run.args());
            args.addAll(List.of("--no-progress", "--out", out.toString()));
            run(args);
            recordedModel = Files.copy(out.resolve("model.safetensors"), GoldenRecords.sourceFile(name),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return GoldenRecords.committed(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void train_writesTheRecordedHistoryAndModel_andPredictGivesTheRecordedOutput(CliRun run) throws IOException {
        Path out = dir.resolve(run.name());
        List<String> args = new ArrayList<>(run.args());
        args.addAll(List.of("--no-progress", "--json", "--out", out.toString()));
        CliTest.Run r = run(args);
        String file = run.name() + ".golden";
        if (GoldenRecords.recording()) {
            GoldenRecords.write(file, record("gradgraph " + String.join(" ", run.args()).replace(fixtures(),
                    "<fixtures>"), out, gradcheck(r), run.predictData()));
        }
        assertRecord("train " + run.name(), GoldenRecords.read(file), out, gradcheck(r), run.predictData());
        if (run.name().equals(COMMITTED)) {
            byte[] then = Files.readAllBytes(committedModel());
            byte[] now = Files.readAllBytes(out.resolve("model.safetensors"));
            int at = Arrays.mismatch(then, now);
            if (at >= 0) {
                int header = 8 + (int) java.nio.ByteBuffer.wrap(then, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .getLong();
                fail(run.name() + ": model.safetensors written now differs from the committed "
                        + committedModel().getFileName() + " from byte " + at + " (" + then.length + " bytes then, "
                        + now.length + " now), " + (at >= header ? "in the tensor data" : "in the JSON header: "
                        + "committed …" + text(then, at) + "…, now …" + text(now, at) + "…"));
            }
        }
    }

    private static String text(byte[] file, int at) {
        int from = Math.max(8, at - 40);
        return new String(file, from, Math.min(file.length, at + 60) - from, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void committedModel_predictsTheRecordedOutput() throws IOException {
        Path model = committedModel();
        Path points = GoldenRecords.committed("points.csv");
        String file = COMMITTED + ".predict.golden";
        if (GoldenRecords.recording()) {
            List<String> lines = new ArrayList<>(GoldenRecords.header("what gradgraph predict prints for the "
                    + "committed " + model.getFileName() + " on points.csv, as JSON then CSV"));
            lines.addAll(predictions(model, points));
            GoldenRecords.write(file, lines);
        }
        assertPredictions("predict --model " + model.getFileName(), GoldenRecords.read(file), model, points);
    }

    @Test
    void committedModel_resumesToTheRecordedEpochsAndTensors() throws IOException {
        Path out = Files.createDirectories(dir.resolve("resumed"));
        Path model = Files.copy(committedModel(), out.resolve("model.safetensors"));
        List<String> args = List.of("train", "--resume", model.toString(), "--epochs", Integer.toString(MORE_EPOCHS),
                "--no-progress", "--no-gradcheck", "--out", out.toString());
        run(args);
        String file = COMMITTED + ".resume.golden";
        Path points = GoldenRecords.committed("points.csv");
        if (GoldenRecords.recording()) {
            GoldenRecords.write(file, record("gradgraph train --resume " + COMMITTED + ".safetensors --epochs "
                    + MORE_EPOCHS + ": the epochs after the committed model's, the model after them and its "
                    + "predictions", out, null, points));
        }
        assertRecord("train --resume " + COMMITTED + ".safetensors", GoldenRecords.read(file), out, null, points);
    }
}
