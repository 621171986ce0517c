package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.core.Gemm;
import io.github.gradgraph.core.MatMul;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.Standardizer;
import io.github.gradgraph.nn.optim.Optimizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Training histories recorded from the code as it was before the network became a list of layers: each run trains
 * again and must give, epoch by epoch, the recorded loss, accuracies, test and validation results, learning rate and
 * gradient norm, and at the end the recorded value of every parameter and running statistic, under the recorded names
 * and in the recorded order — bit for bit. The runs cover the built-in losses, a loss of the user's own, every
 * optimizer, the learning-rate schedules with warm-up, clipping, early stopping, batch normalization (running
 * statistics), dropout (masks from the run's keys), the full batch and shuffled mini-batches with a smaller last one,
 * and the float32 step; each is small, so the class runs in seconds.
 *
 * <p>Records: {@code src/test/resources/io/github/gradgraph/nn/golden/<run>.golden}; see {@link Golden} for when and
 * how they are rewritten.
 */
class GoldenHistoriesTest {
    /** The epoch columns compared, as {@code history.csv} names them ({@link EpochStats} without its seconds). */
    static final List<String> COLUMNS = List.of("loss", "train_accuracy", "test_loss", "test_accuracy", "lr",
            "grad_norm", "validation_loss", "validation_accuracy");

    private static Gemm gemmBefore;

    @BeforeAll
    static void pinGemm() {
        gemmBefore = Golden.pinGemm();
    }

    @AfterAll
    static void restoreGemm() {
        MatMul.setBackend(gemmBefore);
    }

    /** What a run trained. */
    record Result(Network net, ParameterStore store, TrainingHistory history) {
    }

    /**
     * One golden run.
     *
     * @param name        its record's name
     * @param description what it trains, for the record's header
     */
    record Run(String name, String description, Supplier<Result> train) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Sets and held-out sets of one run, features as the network sees them. */
    private record Data(Dataset train, Dataset validation, Dataset test) {
    }

    private static Data split(Dataset all, double testFraction, double validationFraction, long seed,
            boolean standardize) {
        Dataset.Split s = all.split(testFraction, seed);
        Dataset train = s.train();
        Dataset validation = null;
        if (validationFraction > 0) {
            Dataset.Split v = train.split(validationFraction, seed + 1);
            train = v.train();
            validation = v.test();
        }
        if (!standardize) {
            return new Data(train, validation, s.test());
        }
        Standardizer st = Standardizer.fit(train.x());
        return new Data(train.withFeatures(st.apply(train.x())),
                validation == null ? null : validation.withFeatures(st.apply(validation.x())),
                s.test().withFeatures(st.apply(s.test().x())));
    }

    private static Result fit(Network net, Initializer init, long initSeed, Optimizer optimizer, DType dtype, Data d,
            TrainingPlan plan) {
        ParameterStore store = init.initialize(net, new ParameterStore(), initSeed);
        TrainingHistory h = new Trainer(net, optimizer, dtype).fit(store, d.train(), d.validation(), d.test(), plan,
                null);
        return new Result(net, store, h);
    }

    static Stream<Run> runs() {
        return Stream.of(
                new Run("flower-course", "the course's planar flower (seed 1, 80 held out), [2, 4, 1] tanh/sigmoid, "
                        + "bce, small init (seed 2), gradient descent α 1.2, full batch, 30 epochs",
                        () -> fit(new Network(new NetworkSpec(new int[] {2, 4, 1}, Activation.TANH,
                                Activation.SIGMOID, LossKind.BCE, 0)), Initializer.SMALL, 2,
                                Optimizers.create("gd", 1.2), DType.F64, split(Datasets.flower(1), 0.2, 0, 1, false),
                                new TrainingPlan(30, TrainingPlan.FULL_BATCH, 1, 0))),
                new Run("moons-relu-adam-l2", "moons (300, noise 0.2, seed 3), standardized, [2, 16, 8, 1] "
                        + "relu/sigmoid, bce, L2 0.01, He init (seed 4), Adam α 0.01, batches of 32 (last 16), 20 "
                        + "epochs",
                        () -> fit(new Network(new NetworkSpec(new int[] {2, 16, 8, 1}, Activation.RELU,
                                Activation.SIGMOID, LossKind.BCE, 0.01)), Initializer.HE, 4,
                                Optimizers.create("adam", 0.01), DType.F64,
                                split(Datasets.moons(300, 0.2, 3), 0.2, 0, 3, true),
                                new TrainingPlan(20, 32, 3, 0))),
                new Run("circles-momentum-step-warmup", "circles (240, noise 0.1, factor 0.5, seed 5), [2, 8, 8, 1] "
                        + "tanh/sigmoid, bce, L2 0.005, Xavier init (seed 6), momentum α 0.1, step:5:0.5 after 2 "
                        + "warm-up epochs, batches of 24, 20 epochs",
                        () -> fit(new Network(new NetworkSpec(new int[] {2, 8, 8, 1}, Activation.TANH,
                                Activation.SIGMOID, LossKind.BCE, 0.005)), Initializer.XAVIER, 6,
                                Optimizers.create("momentum", 0.1), DType.F64,
                                split(Datasets.circles(240, 0.1, 0.5, 5), 0.2, 0, 5, true),
                                new TrainingPlan(20, 24, 5, 0).withSchedule(
                                        LearningRateSchedule.parse("step:5:0.5").withWarmup(2)))),
                new Run("spirals-bn-dropout-cosine-clip", "2-arm spirals (150 each, seed 7), standardized, 60 "
                        + "held out for test and 48 for validation, [2, 16, 16, 1] relu/sigmoid, bce, batch norm, "
                        + "dropout 0.2, He init (seed 8), Adam α 0.02, cosine to 0.001 after 2 warm-up epochs, "
                        + "clipping at 0.5, batches of 20 (last 12), 25 epochs",
                        () -> fit(new Network(new NetworkSpec(new int[] {2, 16, 16, 1}, Activation.RELU,
                                Activation.SIGMOID, LossKind.BCE, 0).withBatchNorm(true).withDropout(0.2)),
                                Initializer.HE, 8, Optimizers.create("adam", 0.02), DType.F64,
                                split(Datasets.spirals(2, 150, 7), 0.2, 0.2, 7, true),
                                new TrainingPlan(25, 20, 7, 0).withSchedule(
                                        LearningRateSchedule.parse("cosine:0.001").withWarmup(2)).withClipNorm(0.5))),
                new Run("spirals3-softmax-rmsprop-early-stopping", "3-arm spirals (80 each, seed 9), 60 held out, "
                        + "[2, 24, 3] relu/softmax, softmax cross-entropy, L2 0.001, He init (seed 10), RMSProp α "
                        + "0.01, exp:0.95, batches of 40 (last 20), early stopping with patience 3 on the test loss, "
                        + "30 epochs",
                        () -> fit(new Network(new NetworkSpec(new int[] {2, 24, 3}, Activation.RELU,
                                Activation.SOFTMAX, LossKind.SOFTMAX_CROSS_ENTROPY, 0.001)), Initializer.HE, 10,
                                Optimizers.create("rmsprop", 0.01), DType.F64,
                                split(Datasets.spirals(3, 80, 9), 0.25, 0, 9, false),
                                new TrainingPlan(30, 40, 9, 0).withSchedule(LearningRateSchedule.parse("exp:0.95"))
                                        .withEarlyStopping(3))),
                new Run("spirals3-softmax-bn-dropout", "3-arm spirals (80 each, seed 11), 48 held out, [2, 12, 12, "
                        + "3] tanh/softmax, softmax cross-entropy, batch norm, dropout 0.1, Xavier init (seed 12), "
                        + "momentum α 0.05, batches of 30 (last 12), 15 epochs",
                        () -> fit(new Network(new NetworkSpec(new int[] {2, 12, 12, 3}, Activation.TANH,
                                Activation.SOFTMAX, LossKind.SOFTMAX_CROSS_ENTROPY, 0).withBatchNorm(true)
                                .withDropout(0.1)), Initializer.XAVIER, 12, Optimizers.create("momentum", 0.05),
                                DType.F64, split(Datasets.spirals(3, 80, 11), 0.2, 0, 11, false),
                                new TrainingPlan(15, 30, 11, 0))),
                new Run("flower-formula-loss", "the flower (seed 13), standardized, the defaults' [2, 8, 4, 1] "
                        + "tanh/sigmoid with the user's loss mean(-(3*Y*log(A) + (1 - Y)*log(1 - A))), Xavier init "
                        + "(seed 14), Adam α 0.02, 5 batches of 64, 15 epochs",
                        () -> fit(new Network(NetworkSpec.defaults(),
                                new FormulaLoss("mean(-(3*Y*log(A) + (1 - Y)*log(1 - A)))")), Initializer.XAVIER, 14,
                                Optimizers.create("adam", 0.02), DType.F64,
                                split(Datasets.flower(13), 0.2, 0, 13, true), new TrainingPlan(15, 64, 13, 0))),
                new Run("xor-gelu-mse-full-batch", "xor (200, noise 0.1, seed 15), [2, 8, 1] gelu/sigmoid, mse, "
                        + "Xavier init (seed 16), gradient descent α 2, full batch, 20 epochs",
                        () -> fit(new Network(new NetworkSpec(new int[] {2, 8, 1}, Activation.GELU,
                                Activation.SIGMOID, LossKind.MSE, 0)), Initializer.XAVIER, 16,
                                Optimizers.create("gd", 2), DType.F64, split(Datasets.xor(200, 0.1, 15), 0.2, 0, 15,
                                false), new TrainingPlan(20, TrainingPlan.FULL_BATCH, 15, 0))),
                new Run("moons-float32-bn-dropout", "moons (200, noise 0.25, seed 17), standardized, [2, 12, 12, 1] "
                        + "tanh/sigmoid, bce, batch norm, dropout 0.1, Xavier init (seed 18), Adam α 0.01, the step "
                        + "and evaluation in float32, batches of 25 (last 10), 15 epochs",
                        () -> fit(new Network(new NetworkSpec(new int[] {2, 12, 12, 1}, Activation.TANH,
                                Activation.SIGMOID, LossKind.BCE, 0).withBatchNorm(true).withDropout(0.1)),
                                Initializer.XAVIER, 18, Optimizers.create("adam", 0.01), DType.F32,
                                split(Datasets.moons(200, 0.25, 17), 0.2, 0, 17, true),
                                new TrainingPlan(15, 25, 17, 0))));
    }

    /** @return the record of what {@code r} trained */
    static List<String> record(Run run, Result r) {
        List<String> lines = new ArrayList<>(Golden.header("training history and final parameters of run "
                + run.name(), GoldenHistoriesTest.class.getSimpleName()));
        lines.add("# run: " + run.description());
        lines.add("# epoch lines: epoch " + String.join(" ", COLUMNS) + " (NaN where the run has no such set); "
                + "then every stored tensor, row by row");
        lines.add("stopping " + r.history().bestEpoch() + " " + r.history().stoppedEpoch());
        for (EpochStats e : r.history().epochs()) {
            StringBuilder line = new StringBuilder("epoch " + e.epoch());
            for (double v : values(e)) {
                line.append(' ').append(Golden.number(v));
            }
            lines.add(line.toString());
        }
        lines.addAll(Golden.parameterLines(r.net(), r.store()));
        return lines;
    }

    static double[] values(EpochStats e) {
        return new double[] {e.loss(), e.trainAccuracy(), e.testLoss(), e.testAccuracy(), e.lr(), e.gradNorm(),
            e.validationLoss(), e.validationAccuracy()};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void training_givesTheRecordedHistoryAndParameters_bitForBit(Run run) {
        Result r = run.train().get();
        String file = run.name() + ".golden";
        if (Golden.recording()) {
            Golden.write(file, record(run, r));
        }
        List<String> then = Golden.read(getClass(), file);
        String where = "run " + run.name();

        String[] stopping = Golden.section(then, "stopping").get(0).split(" ");
        assertEquals(stopping[1] + " " + stopping[2], r.history().bestEpoch() + " " + r.history().stoppedEpoch(),
                where + ": early stopping's best and stopped epoch");
        List<String> epochs = Golden.section(then, "epoch");
        List<EpochStats> now = r.history().epochs();
        if (epochs.size() != now.size()) {
            fail(where + ": recorded " + epochs.size() + " epochs, now " + now.size());
        }
        int compared = 0;
        for (int e = 0; e < epochs.size(); e++) {
            String[] cells = epochs.get(e).split(" ");
            assertEquals(Integer.parseInt(cells[1]), now.get(e).epoch(),
                    where + ": the epoch number of row " + (e + 1));
            double[] values = values(now.get(e));
            for (int c = 0; c < COLUMNS.size(); c++) {
                double recorded = Golden.parse(cells[2 + c]);
                if (!Golden.same(recorded, values[c])) {
                    fail(where + ", epoch " + cells[1] + ", " + COLUMNS.get(c) + ": recorded " + Golden.show(recorded)
                            + ", now " + Golden.show(values[c]));
                }
                compared++;
            }
        }
        Golden.assertParameters(where, Golden.section(then, "param"), r.net(), r.store());
        assertEquals(epochs.size() * COLUMNS.size(), compared);
    }
}
