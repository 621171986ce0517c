package io.github.gradgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.Trainer;
import io.github.gradgraph.nn.TrainingHistory;
import io.github.gradgraph.nn.TrainingPlan;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.Standardizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Full-batch training on Spark (local[2], Kryo with registration required) gives the parameters and losses of
 * single-machine training to 1e-12 relative after 50 steps: the same derived gradients, summed over partitions.
 */
class SparkTrainerLocalTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
    }

    @Test
    void fullBatch_equalsOneMachine_afterFiftySteps() {
        check(new NetworkSpec(new int[] {2, 8, 4, 1}, Activation.TANH, Activation.SIGMOID, LossKind.BCE, 0.0),
                Datasets.moons(203, 0.2, 4), "gd", 0.5);
        check(new NetworkSpec(new int[] {2, 16, 3}, Activation.RELU, Activation.SOFTMAX,
                LossKind.SOFTMAX_CROSS_ENTROPY, 0.01), Datasets.spirals(3, 50, 2), "adam", 0.01);
    }

    @Test
    void aLossOfTheUsersOwn_isRebuiltOnExecutorsByName_andEqualsOneMachine() {
        NetworkSpec spec = new NetworkSpec(new int[] {2, 8, 1}, Activation.TANH, Activation.SIGMOID, LossKind.BCE, 0);
        check(spec, Datasets.moons(150, 0.2, 5), "momentum", 0.3, () -> new Network(spec, new FocalLoss()));
        Network lambda = new Network(spec, (z, a, y) -> new FocalLoss().build(z, a, y));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparkTrainer(sc, lambda, Optimizers.create("gd", 0.1)));
        assertTrue(e.getMessage().contains("public class with a public no-argument constructor"), e.getMessage());
    }

    private static void check(NetworkSpec spec, Dataset raw, String optimizer, double lr) {
        check(spec, raw, optimizer, lr, () -> new Network(spec));
    }

    private static void check(NetworkSpec spec, Dataset raw, String optimizer, double lr,
            java.util.function.Supplier<Network> networks) {
        Dataset data = raw.withFeatures(Standardizer.fit(raw.x()).apply(raw.x()));
        int outputs = spec.size(spec.depth());
        Network one = networks.get();
        ParameterStore single = Initializer.XAVIER.initialize(one, new ParameterStore(), 9);
        ParameterStore distributed = single.copy();
        TrainingHistory h = new Trainer(one, Optimizers.create(optimizer, lr)).fit(single, data, null,
                new TrainingPlan(50, TrainingPlan.FULL_BATCH, 1, 0), null);

        Network net = networks.get();
        ParameterStore store = new ParameterStore();
        for (Node p : net.parameters()) {
            store.set(p, distributed.get(p.label()));
        }
        JavaRDD<SampleBlock> blocks = sc.parallelize(SampleBlock.of(data, outputs, 16), 4).cache();
        double[] losses = new SparkTrainer(sc, net, Optimizers.create(optimizer, lr)).fit(blocks, store, 50);
        blocks.unpersist();

        for (int s = 0; s < 50; s++) {
            assertClose(h.losses()[s], losses[s], spec + " J of step " + (s + 1));
        }
        for (Node p : net.parameters()) {
            double[] a = single.get(p.label()).data;
            double[] b = store.get(p).data;
            double scale = 0;
            for (double v : a) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < a.length; i++) {
                assertTrue(Math.abs(a[i] - b[i]) <= 1e-12 * scale, spec + " " + p.label() + "[" + i + "]: one machine "
                        + a[i] + ", Spark " + b[i]);
            }
        }
        assertTrue(h.finalLoss() < h.losses()[0], "it trained");
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.abs(expected), what);
    }

    @Test
    void blocks_coverEverySampleOnce_inOrder() {
        Dataset data = Datasets.moons(37, 0.2, 1);
        List<SampleBlock> blocks = SampleBlock.of(data, 1, 10);
        assertEquals(4, blocks.size());
        assertEquals(7, blocks.get(3).size());
        assertEquals(data.x().get(1, 36), blocks.get(3).xMatrix().get(1, 6), 0.0);
        assertEquals(data.labels()[35], (int) blocks.get(3).yMatrix().get(0, 5));
    }
}
