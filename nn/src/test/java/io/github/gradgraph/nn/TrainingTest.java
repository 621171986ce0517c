package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.Standardizer;
import io.github.gradgraph.nn.optim.Optimizers;
import org.junit.jupiter.api.Test;

class TrainingTest {
    private static TrainingHistory train(Network net, ParameterStore store, Dataset data, String opt, double lr,
            int epochs, int batch, long seed) {
        return new Trainer(net, Optimizers.create(opt, lr)).fit(store, data, epochs, batch, seed, null);
    }

    @Test
    void defaults_reachNinetyPercentOnTheFlower() {
        Dataset.Split split = Datasets.flower(1).split(0.2, 1);
        Standardizer st = Standardizer.fit(split.train().x());
        Dataset trainSet = split.train().withFeatures(st.apply(split.train().x()));
        Network net = new Network(NetworkSpec.defaults());
        ParameterStore store = Initializer.XAVIER.initialize(net, new ParameterStore(), 1);
        TrainingHistory h = train(net, store, trainSet, "adam", 0.01, 1000, 64, 1);
        double acc = Metrics.accuracy(new Predictor(net).predict(store, trainSet.x()), trainSet.labels());
        System.out.printf("flower defaults: train accuracy %.3f, loss %.4f%n", acc, h.finalLoss());
        assertTrue(acc >= 0.90, "flower training accuracy " + acc);
        assertTrue(h.finalLoss() < h.losses()[0] / 2);
    }

    @Test
    void softmaxNetwork_reachesNinetyFivePercentOnThreeSpirals() {
        Dataset data = Datasets.spirals(3, 100, 7);
        Network net = new Network(new NetworkSpec(new int[] {2, 32, 32, 3}, Activation.RELU, Activation.SOFTMAX,
                LossKind.SOFTMAX_CROSS_ENTROPY, 0));
        ParameterStore store = Initializer.HE.initialize(net, new ParameterStore(), 7);
        train(net, store, data, "adam", 0.01, 1000, 64, 7);
        double acc = Metrics.accuracy(new Predictor(net).predict(store, data.x()), data.labels());
        System.out.printf("3-class spirals: train accuracy %.3f%n", acc);
        assertTrue(acc >= 0.95, "spirals training accuracy " + acc);
    }

    @Test
    void fullBatch_isTheSeedsAlgorithm_onTheDataInItsOwnOrder_whateverTheSeed() {
        Dataset data = Datasets.moons(150, 0.2, 3);
        Network net = new Network(NetworkSpec.defaults());
        ParameterStore byTrainer = Initializer.XAVIER.initialize(net, new ParameterStore(), 5);
        ParameterStore byHand = byTrainer.copy();
        double[] losses = train(net, byTrainer, data, "gd", 0.1, 5, 10_000, 123).losses();
        ParameterStore otherSeed = Initializer.XAVIER.initialize(net, new ParameterStore(), 5);
        train(net, otherSeed, data, "gd", 0.1, 5, 150, 77);
        TrainingStep step = new TrainingStep(net, Optimizers.create("gd", 0.1));
        java.util.Map<String, org.ejml.data.DMatrixRMaj> feeds = java.util.Map.of("X", data.x(), "Y",
                data.targets(1));
        for (int epoch = 0; epoch < 5; epoch++) {
            assertEquals(losses[epoch], step.loss(step.run(feeds, byHand)), 0.0, "loss of epoch " + (epoch + 1));
        }
        for (String p : byHand.values().keySet()) {
            assertArrayEquals(byHand.get(p).data, byTrainer.get(p).data, 0.0, p);
            assertArrayEquals(byHand.get(p).data, otherSeed.get(p).data, 0.0, p + " with another shuffle seed");
        }
    }

    @Test
    void anUpdateThatOverflowsAParameter_stopsRightAfterIt_namingTheParameter() {
        Dataset data = Datasets.moons(40, 0.2, 3);
        Network net = new Network(NetworkSpec.defaults());
        ParameterStore store = Initializer.XAVIER.initialize(net, new ParameterStore(), 5);
        io.github.gradgraph.nn.optim.Optimizer overflowing = new io.github.gradgraph.nn.optim.Optimizer() {
            @Override
            public String name() {
                return "overflowing";
            }

            @Override
            public void step(java.util.List<org.ejml.data.DMatrixRMaj> params,
                    java.util.List<org.ejml.data.DMatrixRMaj> grads) {
                params.get(2).data[3] = Double.MAX_VALUE * 2 * Math.signum(grads.get(2).data[3] + 0.5); // W2
            }
        };
        TrainingStep step = new TrainingStep(net, overflowing);
        TrainingException e = assertThrows(TrainingException.class, () -> step.run(java.util.Map.of("X", data.x(),
                "Y", data.targets(1)), store));
        assertTrue(e.getMessage().startsWith("the update made parameter W2 non-finite (Infinity at row 0, column 3)")
                || e.getMessage().startsWith("the update made parameter W2 non-finite (-Infinity at row 0, column 3)"),
                e.getMessage());
    }

    @Test
    void sameSeed_givesIdenticalLossCurves() {
        Dataset data = Datasets.moons(200, 0.2, 3);
        double[][] curves = new double[2][];
        for (int run = 0; run < 2; run++) {
            Network net = new Network(NetworkSpec.defaults());
            ParameterStore store = Initializer.XAVIER.initialize(net, new ParameterStore(), 5);
            curves[run] = train(net, store, data, "adam", 0.01, 30, 32, 9).losses();
        }
        assertArrayEquals(curves[0], curves[1], 0.0);
        Network net = new Network(NetworkSpec.defaults());
        ParameterStore store = Initializer.XAVIER.initialize(net, new ParameterStore(), 5);
        double[] otherShuffle = train(net, store, data, "adam", 0.01, 30, 32, 10).losses();
        assertTrue(otherShuffle[29] != curves[0][29], "a different shuffle seed should change the curve");
    }

    @Test
    void replacingAParameterValue_isPickedUpByTheNextStep() {
        Network net = new Network(NetworkSpec.defaults());
        ParameterStore store = Initializer.XAVIER.initialize(net, new ParameterStore(), 5);
        Dataset data = Datasets.moons(40, 0.2, 3);
        java.util.Map<String, org.ejml.data.DMatrixRMaj> feeds = java.util.Map.of("X", data.x(), "Y",
                data.targets(1));
        TrainingStep step = new TrainingStep(net, Optimizers.create("gd", 0.1));
        step.run(feeds, store);
        org.ejml.data.DMatrixRMaj fresh = new org.ejml.data.DMatrixRMaj(1, 4);
        store.set(net.weight(3), fresh); // the store now holds a copy of a new matrix
        step.run(feeds, store);
        org.ejml.data.DMatrixRMaj updated = store.get("W3");
        double moved = 0;
        for (double v : updated.data) {
            moved += Math.abs(v);
        }
        assertTrue(moved > 0, "the update must reach the value the store holds now");
    }

    @Test
    void lastSmallerBatch_runsTheSameGraph() {
        Dataset data = Datasets.moons(103, 0.2, 3); // 103 = 3·32 + 7
        Network net = new Network(NetworkSpec.defaults());
        ParameterStore store = Initializer.XAVIER.initialize(net, new ParameterStore(), 5);
        TrainingHistory h = train(net, store, data, "gd", 0.5, 3, 32, 1);
        assertEquals(3, h.losses().length);
        assertTrue(Double.isFinite(h.finalLoss()));
    }

    @Test
    void divergence_stopsWithTheEpochBatchAndFirstNonFiniteNode() {
        Dataset data = Datasets.flower(1);
        Network net = new Network(new NetworkSpec(new int[] {2, 8, 1}, Activation.RELU, Activation.IDENTITY,
                LossKind.MSE, 0));
        ParameterStore store = Initializer.HE.initialize(net, new ParameterStore(), 1);
        TrainingException e = assertThrows(TrainingException.class,
                () -> train(net, store, data, "gd", 1e6, 50, 400, 1));
        assertTrue(e.getMessage().matches("training stopped at epoch \\d+, batch 1: .*first node not finite: .*"),
                e.getMessage());
        assertTrue(e.getMessage().contains("a smaller learning rate may help"), e.getMessage());
        assertFalse(e.getMessage().contains("--"), "a library message carries no command-line advice");
        for (double v : store.get("W1").data) {
            assertTrue(Double.isFinite(v), "parameters must keep their last finite values");
        }
    }
}
