package io.github.gradgraph.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.EpochStats;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.Trainer;
import io.github.gradgraph.nn.TrainingException;
import io.github.gradgraph.nn.TrainingHistory;
import io.github.gradgraph.nn.TrainingPlan;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.Standardizer;
import io.github.gradgraph.nn.optim.Optimizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Epoch-level training on Spark reports what one machine's {@link Trainer} reports — loss, train accuracy, test loss
 * and accuracy of every epoch — and mini-batch epochs follow the documented block schedule, resumable bitwise.
 */
class SparkEpochsTest {
    private static final NetworkSpec SPEC = new NetworkSpec(new int[] {2, 12, 3}, Activation.TANH, Activation.SOFTMAX,
            LossKind.SOFTMAX_CROSS_ENTROPY, 0.01);
    private static JavaSparkContext sc;
    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
        Dataset.Split split = Datasets.spirals(3, 70, 3).split(0.2, 5);
        Standardizer st = Standardizer.fit(split.train().x());
        train = split.train().withFeatures(st.apply(split.train().x()));
        test = split.test().withFeatures(st.apply(split.test().x()));
    }

    @Test
    void fullBatchEpochs_reportWhatOneMachineReports() {
        Network one = new Network(SPEC);
        ParameterStore single = Initializer.XAVIER.initialize(one, new ParameterStore(), 2);
        ParameterStore store = single.copy();
        TrainingPlan plan = new TrainingPlan(25, TrainingPlan.FULL_BATCH, 1, 0);
        TrainingHistory expected = new Trainer(one, Optimizers.create("adam", 0.05)).fit(single, train, test, plan,
                null);

        Network net = new Network(SPEC);
        TrainingHistory h = new SparkTrainer(sc, net, Optimizers.create("adam", 0.05)).fit(blocks(train, 16),
                blocks(test, 16), rebind(net, store), plan, null);
        assertEquals(expected.epochs().size(), h.epochs().size());
        for (int e = 0; e < h.epochs().size(); e++) {
            EpochStats a = expected.epochs().get(e);
            EpochStats b = h.epochs().get(e);
            String at = "epoch " + (e + 1);
            assertEquals(a.epoch(), b.epoch(), at);
            assertEquals(a.loss(), b.loss(), 1e-12 * a.loss(), at + " loss");
            assertEquals(a.trainAccuracy(), b.trainAccuracy(), 0.0, at + " train accuracy");
            assertEquals(a.testLoss(), b.testLoss(), 1e-12 * a.testLoss(), at + " test loss");
            assertEquals(a.testAccuracy(), b.testAccuracy(), 0.0, at + " test accuracy");
        }
        assertTrue(h.epochs().get(24).trainAccuracy() > h.epochs().get(0).trainAccuracy(), "it learned");
    }

    @Test
    void miniBatchEpochs_followTheBlockSchedule_andResumeBitwise() throws Exception {
        Network net = new Network(SPEC);
        ParameterStore start = Initializer.XAVIER.initialize(net, new ParameterStore(), 4);
        List<SampleBlock> list = SampleBlock.of(train, 3, 20);
        JavaRDD<SampleBlock> rdd = sc.parallelize(list, 3).cache();

        ParameterStore whole = rebind(net, start.copy());
        java.util.concurrent.atomic.AtomicInteger tasks = new java.util.concurrent.atomic.AtomicInteger();
        org.apache.spark.scheduler.SparkListener counter = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd e) {
                tasks.incrementAndGet();
            }
        };
        sc.sc().addSparkListener(counter);
        TrainingHistory h = new SparkTrainer(sc, net, Optimizers.create("momentum", 0.1)).fit(rdd, null, whole,
                new TrainingPlan(4, 20, 9, 0), null);
        sc.sc().listenerBus().waitUntilEmpty();
        sc.sc().removeSparkListener(counter);
        assertEquals(4, h.epochs().size());
        int stepCount = 4 * list.size();
        assertTrue(tasks.get() <= stepCount + 4 * 3, "a one-block step runs one task, not one per partition: "
                + tasks + " tasks for " + stepCount + " steps over 3 partitions");

        Network local = new Network(SPEC);
        ParameterStore replayed = rebind(local, start.copy());
        double[] steps = LocalReplay.fit(local, Optimizers.create("momentum", 0.1), list, replayed,
                new BlockSchedule(list.size(), 1, 9), 4);
        int perEpoch = list.size();
        for (int e = 0; e < 4; e++) {
            double weighted = 0;
            List<int[]> order = new BlockSchedule(list.size(), 1, 9).steps(e);
            for (int s = 0; s < perEpoch; s++) {
                weighted += steps[e * perEpoch + s] * list.get(order.get(s)[0]).size();
            }
            assertEquals(weighted / train.size(), h.epochs().get(e).loss(), 1e-12 * weighted / train.size(),
                    "epoch " + (e + 1) + " loss");
        }
        assertArrayEquals(flat(local, replayed), flat(net, whole), 1e-12, "parameters equal the replay's");

        Optimizer resumed = Optimizers.create("momentum", 0.1);
        ParameterStore halves = rebind(net, start.copy());
        SparkTrainer t = new SparkTrainer(sc, net, resumed);
        t.fit(rdd, null, halves, new TrainingPlan(2, 20, 9, 0), null);
        Optimizer restored = Optimizers.create("momentum", 0.1);
        restored.restore(resumed.state());
        TrainingHistory second = new SparkTrainer(sc, net, restored).fit(rdd, null, halves,
                new TrainingPlan(2, 20, 9, 2), null);
        assertEquals(3, second.epochs().get(0).epoch());
        assertArrayEquals(flat(net, whole), flat(net, halves), 0.0, "2 + 2 resumed epochs are bitwise 4");
        rdd.unpersist();
    }

    @Test
    void aNonFiniteGradient_stopsTraining_namingEpochAndBatch() {
        Network net = new Network(SPEC);
        ParameterStore store = Initializer.XAVIER.initialize(net, new ParameterStore(), 1);
        TrainingException e = assertThrows(TrainingException.class, () -> new SparkTrainer(sc, net,
                Optimizers.create("gd", 1e200)).fit(blocks(train, 16), null, store,
                new TrainingPlan(5, TrainingPlan.FULL_BATCH, 1, 0), null));
        assertTrue(e.getMessage().startsWith("training stopped at epoch "), e.getMessage());
        assertTrue(e.getMessage().contains("smaller learning rate"), e.getMessage());
    }

    private static JavaRDD<SampleBlock> blocks(Dataset data, int size) {
        return sc.parallelize(SampleBlock.of(data, 3, size), 3).cache();
    }

    private static ParameterStore rebind(Network net, ParameterStore values) {
        ParameterStore store = new ParameterStore();
        for (Node p : net.parameters()) {
            store.set(p, values.get(p.label()).copy());
        }
        return store;
    }

    private static double[] flat(Network net, ParameterStore store) {
        return net.parameters().stream().flatMapToDouble(p -> java.util.Arrays.stream(store.get(p).data)).toArray();
    }
}
