package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gradgraph.core.DType;
import io.github.gradgraph.core.Gemm;
import io.github.gradgraph.core.MatMul;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.Preprocessing;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.InitialParameters;
import io.github.gradgraph.nn.io.Safetensors;
import io.github.gradgraph.nn.io.TrainingState;
import io.github.gradgraph.nn.optim.Optimizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checkpoints written by the code as it was before the network became a list of layers, committed as they are on a
 * user's disk, must keep working bit for bit: each loads with its spec, dtype, classes and training state, predicts
 * the recorded outputs on a fixed input (in float64 and in float32), gives the same values through
 * {@link InitialParameters} ({@code --init-from}), and resumes — optimizer state, epoch count, seed and batches from
 * the file — to the recorded continuation. And the same training now writes the very same bytes, so that a change of
 * the file format shows up here first, apart from whether old files still load.
 *
 * <p>Files: {@code src/test/resources/io/github/gradgraph/nn/golden/<name>.safetensors} and its record
 * {@code <name>.checkpoint.golden}; see {@link Golden} for when and how they are rewritten.
 */
class GoldenCheckpointsTest {
    /** Epochs the resume test trains after the checkpoint's. */
    static final int MORE_EPOCHS = 3;

    /** The fixed input of the predictions: eight points, as raw features (before the model's preprocessing). */
    static final DMatrixRMaj INPUT = new DMatrixRMaj(new double[][] {
        {-1.5, -1.0, -0.5, 0.0, 0.3, 0.8, 1.2, 2.0},
        {-1.0, 0.5, 1.2, 0.0, -0.7, 0.9, -0.2, 1.5}});

    private static Gemm gemmBefore;
    /** The files written in this run, when recording (each once, whichever test asks first). */
    private static final Map<String, Path> RECORDED = new java.util.HashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void pinGemm() {
        gemmBefore = Golden.pinGemm();
    }

    @AfterAll
    static void restoreGemm() {
        MatMul.setBackend(gemmBefore);
    }

    /**
     * What a checkpoint was made from.
     *
     * @param checkpoint the model to save
     * @param storage    the dtype of the file's tensors
     * @param train      the training samples as the network saw them (preprocessed), to resume on
     */
    record Made(Checkpoint checkpoint, DType storage, Dataset train) {
    }

    /**
     * One committed checkpoint.
     *
     * @param name        its files' names
     * @param description how it was trained, for the record
     * @param make        trains it again from scratch
     */
    record Recipe(String name, String description, Supplier<Made> make) {
        @Override
        public String toString() {
            return name;
        }

        String file() {
            return name + ".safetensors";
        }

        String record() {
            return name + ".checkpoint.golden";
        }
    }

    private static Made train(NetworkSpec spec, Dataset raw, Preprocessing preprocessing, Initializer init,
            long initSeed, String optimizer, double lr, DType dtype, int epochs, int batch, long seed, DType storage) {
        Dataset train = raw.withFeatures(preprocessing.apply(raw.x()));
        Network net = new Network(spec);
        ParameterStore store = init.initialize(net, new ParameterStore(), initSeed);
        Optimizer opt = Optimizers.create(optimizer, lr);
        new Trainer(net, opt, dtype).fit(store, train, null, new TrainingPlan(epochs, batch, seed, 0), null);
        TrainingState state = new TrainingState(epochs, seed, batch, lr, opt.state(), Map.of("data", raw.name()));
        return new Made(new Checkpoint(spec, store, preprocessing, raw.classNames(), state, dtype), storage, train);
    }

    static Stream<Recipe> recipes() {
        return Stream.of(
                new Recipe("mlp-f64", "moons (120, noise 0.2, seed 21), scale 0.5 then standardized, [2, 6, 4, 1] "
                        + "tanh/sigmoid, bce, L2 0.01, Xavier init (seed 22), Adam α 0.02, 5 epochs in batches of 16 "
                        + "(seed 23), saved in float64 with its training state",
                        () -> {
                            Dataset raw = Datasets.moons(120, 0.2, 21);
                            return train(new NetworkSpec(new int[] {2, 6, 4, 1}, Activation.TANH, Activation.SIGMOID,
                                    LossKind.BCE, 0.01), raw, Preprocessing.fit(0.5, true, raw.x()),
                                    Initializer.XAVIER, 22, "adam", 0.02, DType.F64, 5, 16, 23, DType.F64);
                        }),
                new Recipe("bn-dropout-f64", "3-arm spirals (40 each, seed 24), standardized, [2, 8, 8, 3] "
                        + "relu/softmax, softmax cross-entropy, batch norm, dropout 0.25, He init (seed 25), momentum "
                        + "α 0.05, 6 epochs in batches of 16 (seed 26), saved in float64 with its running statistics "
                        + "and training state",
                        () -> {
                            Dataset raw = Datasets.spirals(3, 40, 24);
                            return train(new NetworkSpec(new int[] {2, 8, 8, 3}, Activation.RELU, Activation.SOFTMAX,
                                    LossKind.SOFTMAX_CROSS_ENTROPY, 0).withBatchNorm(true).withDropout(0.25), raw,
                                    Preprocessing.fit(1, true, raw.x()), Initializer.HE, 25, "momentum", 0.05,
                                    DType.F64, 6, 16, 26, DType.F64);
                        }),
                new Recipe("bn-f32", "3-arm spirals (30 each, seed 27), unscaled, [2, 6, 3] relu/softmax, softmax "
                        + "cross-entropy, L2 0.01, batch norm, He init (seed 28), Adam α 0.01, trained in float32 for "
                        + "4 epochs in batches of 20 (seed 29), saved in float32 (--save-dtype f32) with its running "
                        + "statistics and training state",
                        () -> {
                            Dataset raw = Datasets.spirals(3, 30, 27);
                            return train(new NetworkSpec(new int[] {2, 6, 3}, Activation.RELU, Activation.SOFTMAX,
                                    LossKind.SOFTMAX_CROSS_ENTROPY, 0.01).withBatchNorm(true), raw, Preprocessing.NONE,
                                    Initializer.HE, 28, "adam", 0.01, DType.F32, 4, 20, 29, DType.F32);
                        }));
    }

    /** @return the committed file: on the test classpath, or while recording, in the sources after writing it anew */
    private static Path committed(Recipe recipe) {
        if (Golden.recording()) {
            return RECORDED.computeIfAbsent(recipe.name(), name -> {
                Made made = recipe.make().get();
                Path file = Golden.sourceFile(recipe.file());
                Safetensors.save(made.checkpoint(), file, made.storage());
                Golden.write(recipe.record(), record(recipe, file, made.train()));
                return file;
            });
        }
        URL url = GoldenCheckpointsTest.class.getResource("/io/github/gradgraph/nn/golden/" + recipe.file());
        if (url == null) {
            fail("no committed checkpoint " + recipe.file() + " on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String matrix(String key, DMatrixRMaj m) {
        StringBuilder line = new StringBuilder(key + " " + m.numRows + "x" + m.numCols);
        for (int i = 0; i < m.getNumElements(); i++) {
            line.append(' ').append(Golden.number(m.data[i]));
        }
        return line.toString();
    }

    private static String describe(Checkpoint c) {
        TrainingState t = c.training();
        return c.spec() + "; dtype " + c.dtype() + "; classes " + c.classNames() + "; scale " + c.scale()
                + "; standardizer " + (c.standardizer() == null ? "none" : "mean "
                + Arrays.toString(c.standardizer().mean()) + " std " + Arrays.toString(c.standardizer().std()))
                + "; training " + t.epochs() + " epochs, seed " + t.seed() + ", batch " + t.batchSize() + ", lr "
                + t.lr() + ", " + t.optimizer().optimizer() + " after " + t.optimizer().steps() + " steps with buffers "
                + t.optimizer().buffers().keySet() + ", settings " + new java.util.TreeMap<>(t.settings());
    }

    private static DMatrixRMaj predict(Checkpoint c, DType dtype) {
        return new Predictor(c.network(), dtype).predict(c.params(), c.preprocessing().apply(INPUT));
    }

    /** @return the network, parameters and history of {@link #MORE_EPOCHS} epochs resumed from {@code c} */
    private static GoldenHistoriesTest.Result resume(Checkpoint c, Dataset train) {
        TrainingState t = c.training();
        Optimizer opt = Optimizers.create(t.optimizer().optimizer(), t.lr());
        opt.restore(t.optimizer());
        Network net = c.network();
        ParameterStore store = c.params().copy();
        TrainingHistory h = new Trainer(net, opt, c.dtype()).fit(store, train, null,
                new TrainingPlan(MORE_EPOCHS, t.batchSize(), t.seed(), t.epochs()), null);
        return new GoldenHistoriesTest.Result(net, store, h);
    }

    private static List<String> record(Recipe recipe, Path file, Dataset train) {
        Checkpoint c = Safetensors.load(file);
        List<String> lines = new ArrayList<>(Golden.header("what checkpoint " + recipe.file() + " loads as, "
                + "predicts and resumes to", GoldenCheckpointsTest.class.getSimpleName()));
        lines.add("# checkpoint: " + recipe.description());
        lines.add("# predict lines: A[L] in inference for the input, computed in that dtype; then the history of "
                + MORE_EPOCHS + " epochs resumed from the file and every stored tensor after them");
        lines.add("checkpoint " + describe(c));
        lines.add(matrix("input X", INPUT));
        lines.add(matrix("predict " + DType.F64, predict(c, DType.F64)));
        lines.add(matrix("predict " + DType.F32, predict(c, DType.F32)));
        GoldenHistoriesTest.Result r = resume(c, train);
        for (EpochStats e : r.history().epochs()) {
            StringBuilder line = new StringBuilder("epoch " + e.epoch());
            for (double v : GoldenHistoriesTest.values(e)) {
                line.append(' ').append(Golden.number(v));
            }
            lines.add(line.toString());
        }
        lines.addAll(Golden.parameterLines(r.net(), r.store()));
        return lines;
    }

    private static void assertMatrix(String where, String recorded, DMatrixRMaj now) {
        String[] cells = recorded.split(" ");
        assertEquals(cells[2], now.numRows + "x" + now.numCols, where + ": shape");
        for (int i = 0; i < now.getNumElements(); i++) {
            double then = Golden.parse(cells[3 + i]);
            if (!Golden.same(then, now.data[i])) {
                fail(where + " at row " + i / now.numCols + ", column " + i % now.numCols + ": recorded "
                        + Golden.show(then) + ", now " + Golden.show(now.data[i]));
            }
        }
    }

    private static String line(List<String> lines, String key) {
        return Golden.section(lines, key).get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recipes")
    void committedFile_loadsAsRecorded_andPredictsTheRecordedOutputs(Recipe recipe) {
        Path file = committed(recipe);
        List<String> then = Golden.read(getClass(), recipe.record());
        Checkpoint c = Safetensors.load(file);
        assertEquals(line(then, "checkpoint"), "checkpoint " + describe(c), recipe.file() + " loads as");
        String[] input = line(then, "input").split(" ");
        for (int i = 0; i < INPUT.getNumElements(); i++) {
            assertEquals(Golden.parse(input[3 + i]), INPUT.data[i], 0.0, "the recorded input");
        }
        for (DType dtype : List.of(DType.F64, DType.F32)) {
            assertMatrix(recipe.file() + ": the prediction in " + dtype, line(then, "predict " + dtype),
                    predict(c, dtype));
        }
        // --init-from reads the same tensors (and leaves the optimizer's out)
        Network net = c.network();
        ParameterStore init = InitialParameters.load(file, net);
        for (Node p : net.stored()) {
            if (!Arrays.equals(c.params().get(p.label()).data, init.get(p).data)) {
                fail(recipe.file() + ": InitialParameters reads " + p.label() + " as "
                        + Arrays.toString(init.get(p).data) + ", Safetensors.load as "
                        + Arrays.toString(c.params().get(p.label()).data));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recipes")
    void committedFile_resumesToTheRecordedContinuation(Recipe recipe) {
        Path file = committed(recipe);
        List<String> then = Golden.read(getClass(), recipe.record());
        Checkpoint c = Safetensors.load(file);
        GoldenHistoriesTest.Result r = resume(c, recipe.make().get().train());
        String where = recipe.file() + " resumed";
        List<String> epochs = Golden.section(then, "epoch");
        assertEquals(epochs.size(), r.history().epochs().size(), where + ": epochs");
        for (int e = 0; e < epochs.size(); e++) {
            String[] cells = epochs.get(e).split(" ");
            EpochStats now = r.history().epochs().get(e);
            assertEquals(Integer.parseInt(cells[1]), now.epoch(), where + ": the epoch number");
            double[] values = GoldenHistoriesTest.values(now);
            for (int k = 0; k < values.length; k++) {
                double recorded = Golden.parse(cells[2 + k]);
                if (!Golden.same(recorded, values[k])) {
                    fail(where + ", epoch " + cells[1] + ", " + GoldenHistoriesTest.COLUMNS.get(k) + ": recorded "
                            + Golden.show(recorded) + ", now " + Golden.show(values[k]));
                }
            }
        }
        Golden.assertParameters(where, Golden.section(then, "param"), r.net(), r.store());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recipes")
    void theSameTrainingNow_writesTheCommittedBytes(Recipe recipe) throws IOException {
        Path file = committed(recipe);
        Made made = recipe.make().get();
        Path now = dir.resolve(recipe.file());
        Safetensors.save(made.checkpoint(), now, made.storage());
        byte[] a = Files.readAllBytes(file);
        byte[] b = Files.readAllBytes(now);
        int dataThen = 8 + headerLength(a);
        int dataNow = 8 + headerLength(b);
        int at = Arrays.mismatch(a, dataThen, a.length, b, dataNow, b.length);
        if (at >= 0) {
            fail(recipe.file() + ": the tensor data written now differs from the committed file's from data byte "
                    + at + ", in tensor " + tensorAt(a, at) + " (" + (a.length - dataThen) + " data bytes then, "
                    + (b.length - dataNow) + " now)");
        }
        String headerThen = new String(a, 8, dataThen - 8, StandardCharsets.UTF_8).strip();
        String headerNow = new String(b, 8, dataNow - 8, StandardCharsets.UTF_8).strip();
        int c = mismatch(headerThen, headerNow);
        if (c >= 0) {
            fail(recipe.file() + ": the JSON header written now differs from the committed file's at character " + c
                    + ": committed …" + around(headerThen, c) + "…, now …" + around(headerNow, c) + "…");
        }
    }

    private static int headerLength(byte[] file) {
        return (int) ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** @return the name of the tensor whose data holds byte {@code at} of the data section */
    private static String tensorAt(byte[] file, int at) throws IOException {
        JsonNode header = new ObjectMapper().readTree(new String(file, 8, headerLength(file), StandardCharsets.UTF_8));
        for (Map.Entry<String, JsonNode> f : header.properties()) {
            JsonNode offsets = f.getValue().path("data_offsets");
            if (offsets.size() == 2 && offsets.get(0).asLong() <= at && at < offsets.get(1).asLong()) {
                return f.getKey();
            }
        }
        return "(none: past the committed data)";
    }

    private static int mismatch(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return i;
            }
        }
        return a.length() == b.length() ? -1 : n;
    }

    private static String around(String s, int at) {
        return s.substring(Math.max(0, at - 40), Math.min(s.length(), at + 60));
    }

}
