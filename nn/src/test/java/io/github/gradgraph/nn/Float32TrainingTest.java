package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.Standardizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Training in float32 reaches what training in float64 reaches: the same run (same network, starting parameters,
 * shuffles and optimizer) in both dtypes ends within 0.01 of accuracy, and its losses follow the float64 run's for
 * the first epochs within a bound measured here (the two runs then drift apart as rounding compounds, as any two
 * float32 runs with different reduction orders do).
 */
class Float32TrainingTest {
    /**
     * |J₃₂ − J₆₄| / J₆₄ over the first {@link #EARLY} epochs: measured 1.8e-8 (moons), 2.8e-8 (flower) and 7.6e-8
     * (course-sized), under f32's ε = 1.2e-7; the bound leaves a factor of 13.
     */
    static final double EARLY_LOSS_BOUND = 1e-6;
    static final int EARLY = 10;

    record Run(TrainingHistory history, double trainAccuracy, double testAccuracy) {
    }

    private static Run run(NetworkSpec spec, Initializer init, Dataset train, Dataset test, String optimizer,
            double lr, int epochs, int batch, DType dtype) {
        Network net = new Network(spec);
        ParameterStore store = init.initialize(net, new ParameterStore(), 5);
        Trainer trainer = new Trainer(net, Optimizers.create(optimizer, lr), dtype);
        assertEquals(dtype, trainer.dtype());
        TrainingHistory h = trainer.fit(store, train, test, new TrainingPlan(epochs, batch, 5, 0), null);
        Predictor predictor = new Predictor(net, dtype);
        return new Run(h, Metrics.accuracy(predictor.predict(store, train.x()), train.labels()),
                Metrics.accuracy(predictor.predict(store, test.x()), test.labels()));
    }

    private static void compare(String name, NetworkSpec spec, Initializer init, Dataset train, Dataset test,
            String optimizer, double lr, int epochs, int batch) {
        Run f64 = run(spec, init, train, test, optimizer, lr, epochs, batch, DType.F64);
        Run f32 = run(spec, init, train, test, optimizer, lr, epochs, batch, DType.F32);
        double[] a = f64.history().losses();
        double[] b = f32.history().losses();
        double early = 0;
        for (int e = 0; e < EARLY; e++) {
            early = Math.max(early, Math.abs(b[e] - a[e]) / a[e]);
        }
        System.out.printf(Locale.ROOT, "%s: f64 train %.4f test %.4f loss %.6f | f32 train %.4f test %.4f loss %.6f"
                + " | first %d epochs' losses within %.2e (relative)%n", name, f64.trainAccuracy(),
                f64.testAccuracy(), f64.history().finalLoss(), f32.trainAccuracy(), f32.testAccuracy(),
                f32.history().finalLoss(), EARLY, early);
        StringBuilder curve = new StringBuilder();
        for (int e = 0; e < a.length; e += Math.max(1, a.length / 15)) {
            curve.append(String.format(Locale.ROOT, " %d:%.5f/%.5f", e + 1, a[e], b[e]));
        }
        System.out.println(name + " curve" + curve);
        assertTrue(early > 0, name + ": the float32 run computed exactly the float64 losses; it did not run in f32");
        assertTrue(early <= EARLY_LOSS_BOUND, name + ": early losses differ by " + early);
        assertEquals(f64.trainAccuracy(), f32.trainAccuracy(), 0.01, name + " train accuracy");
        assertEquals(f64.testAccuracy(), f32.testAccuracy(), 0.01, name + " test accuracy");
        assertTrue(f32.history().finalLoss() < 0.6 * b[0], name + ": the float32 run learned");
    }

    private static Dataset[] standardized(Dataset all) {
        Dataset.Split split = all.split(0.2, 1);
        Standardizer st = Standardizer.fit(split.train().x());
        return new Dataset[] {split.train().withFeatures(st.apply(split.train().x())),
                split.test().withFeatures(st.apply(split.test().x()))};
    }

    @Test
    void flower_defaultNetwork_adamMiniBatches() {
        Dataset[] d = standardized(Datasets.flower(1));
        compare("flower", NetworkSpec.defaults(), Initializer.XAVIER, d[0], d[1], "adam", 0.01, 300, 64);
    }

    @Test
    void moons_reluNetwork_momentum() {
        Dataset[] d = standardized(Datasets.moons(600, 0.2, 3));
        NetworkSpec spec = new NetworkSpec(new int[] {2, 16, 8, 1}, Activation.RELU, Activation.SIGMOID,
                LossKind.BCE, 0);
        compare("moons", spec, Initializer.HE, d[0], d[1], "momentum", 0.05, 200, 32);
    }

    /**
     * The Trainer hands a float32 step its data in float32, rounded once per fit (and gathered in float32 for each
     * batch): the steps are, to the bit, those of a loop feeding the same batches in float64 for the step to round.
     */
    @Test
    void trainersFloat32Data_giveTheStepsOfFloat64Feeds_toTheBit() {
        Dataset data = Datasets.moons(90, 0.2, 4);
        NetworkSpec spec = new NetworkSpec(new int[] {2, 6, 1}, Activation.TANH, Activation.SIGMOID, LossKind.BCE, 0);
        for (int batch : new int[] {TrainingPlan.FULL_BATCH, 32}) {
            Network net = new Network(spec);
            ParameterStore byTrainer = Initializer.XAVIER.initialize(net, new ParameterStore(), 2);
            ParameterStore byHand = byTrainer.copy();
            Dataset test = Datasets.moons(30, 0.2, 5);
            TrainingHistory h = new Trainer(net, Optimizers.create("adam", 0.01), DType.F32).fit(byTrainer, data,
                    test, new TrainingPlan(4, batch, 9, 0), null);
            double[] losses = h.losses();
            Evaluator evaluator = new Evaluator(net, DType.F32);
            Evaluator.Result after = evaluator.evaluate(byTrainer, test, evaluator.targets(test));
            assertEquals(after.loss(), h.testLosses()[3], 0.0,
                    "the test set, given in float32, evaluates as fed float64");
            assertEquals(after.accuracy(), h.epochs().get(3).testAccuracy(), 0.0);
            TrainingStep step = new TrainingStep(net, Optimizers.create("adam", 0.01), DType.F32);
            DMatrixRMaj y = data.targets(1);
            int m = data.size();
            int size = batch == TrainingPlan.FULL_BATCH ? m : batch;
            for (int epoch = 0; epoch < 4; epoch++) {
                int[] order = new int[m];
                for (int i = 0; i < m; i++) {
                    order[i] = i;
                }
                if (size < m) {
                    io.github.gradgraph.nn.data.Shuffle.shuffle(order, new Random(TrainingPlan.epochSeed(9, epoch)));
                }
                double lossSum = 0;
                for (int first = 0; first < m; first += size) {
                    int b = Math.min(size, m - first);
                    DMatrixRMaj xb = new DMatrixRMaj(2, b);
                    DMatrixRMaj yb = new DMatrixRMaj(1, b);
                    for (int j = 0; j < b; j++) {
                        for (int i = 0; i < 2; i++) {
                            xb.set(i, j, data.x().get(i, order[first + j]));
                        }
                        yb.set(0, j, y.get(0, order[first + j]));
                    }
                    lossSum += step.loss(step.run(java.util.Map.of("X", xb, "Y", yb), byHand)) * b;
                }
                assertEquals(lossSum / m, losses[epoch], 0.0, "loss of epoch " + (epoch + 1) + ", batch " + batch);
            }
            for (String p : byHand.values().keySet()) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(byHand.get(p).data, byTrainer.get(p).data, 0.0,
                        p + ", batch " + batch);
            }
        }
    }

    /**
     * The classic course's image classifier, [12288, 20, 7, 5, 1] trained full-batch by gradient descent on 209
     * samples (α = 0.0075), here on synthetic 64×64×3 "images" whose label is a sparse linear rule.
     */
    @Test
    void courseSizedNetwork_fullBatchGradientDescent() {
        Dataset train = course(209, 11);
        Dataset test = course(1000, 12);
        NetworkSpec spec = new NetworkSpec(new int[] {12288, 20, 7, 5, 1}, Activation.RELU, Activation.SIGMOID,
                LossKind.BCE, 0);
        compare("course-sized", spec, Initializer.HE, train, test, "gd", 0.0075, 300, TrainingPlan.FULL_BATCH);
    }

    /**
     * m samples of 12288 features (pixel values in [0, 1], centred): half are "cats", whose 600 fixed pixels are a
     * little brighter.
     */
    static Dataset course(int m, long seed) {
        Random rule = new Random(99);
        int[] pixels = rule.ints(600, 0, 12288).toArray();
        Random r = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(12288, m);
        int[] labels = new int[m];
        for (int j = 0; j < m; j++) {
            labels[j] = r.nextBoolean() ? 1 : 0;
            for (int i = 0; i < 12288; i++) {
                x.set(i, j, r.nextDouble() - 0.5);
            }
            for (int p : pixels) {
                x.set(p, j, x.get(p, j) + 0.25 * labels[j]);
            }
        }
        return new Dataset("course-sized", x, labels, List.of("non-cat", "cat"));
    }
}
