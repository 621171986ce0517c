package io.github.gradgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.EpochStats;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LearningRateSchedule;
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
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The toolbox on Spark: batch norm, dropout, a schedule, clipping and early stopping train as on one machine when a
 * step's batch is one block; over several blocks the running statistics are still the whole step's.
 */
class SparkToolboxTest {
    private static final NetworkSpec SPEC = new NetworkSpec(new int[] {2, 12, 8, 3}, Activation.GELU,
            Activation.SOFTMAX, LossKind.SOFTMAX_CROSS_ENTROPY, 0.01).withBatchNorm(true).withDropout(0.2);
    private static JavaSparkContext sc;
    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
        Dataset.Split split = Datasets.spirals(3, 60, 3).split(0.25, 5);
        Standardizer st = Standardizer.fit(split.train().x());
        train = split.train().withFeatures(st.apply(split.train().x()));
        test = split.test().withFeatures(st.apply(split.test().x()));
    }

    @Test
    void batchNormDropoutScheduleClippingAndEarlyStopping_trainAsOnOneMachine() {
        trainsAsOnOneMachine(SPEC);
    }

    @Test
    void aLayerListWithBnOnOneLayerAndDropoutAtTwoRates_trainsAsOnOneMachine() {
        NetworkSpec spec = NetworkSpec.parse("2, 12 gelu, bn, dropout0.3, 8 relu, dropout0.1, 3 softmax", null, null,
                null, 0.01);
        assertEquals(spec, NetworkDescription.of(spec).spec(), "the executors' description gives the same network");
        trainsAsOnOneMachine(spec);
    }

    private static void trainsAsOnOneMachine(NetworkSpec spec) {
        TrainingPlan plan = new TrainingPlan(30, TrainingPlan.FULL_BATCH, 4, 0)
                .withSchedule(LearningRateSchedule.parse("cosine:0.001").withWarmup(3)).withClipNorm(0.5)
                .withEarlyStopping(4);
        Network one = new Network(spec);
        ParameterStore single = Initializer.HE.initialize(one, new ParameterStore(), 2);
        ParameterStore start = single.copy();
        TrainingHistory expected = new Trainer(one, Optimizers.create("adam", 0.05)).fit(single, train, test, plan,
                null);

        Network net = new Network(spec);
        ParameterStore store = rebind(net, start);
        TrainingHistory h = new SparkTrainer(sc, net, Optimizers.create("adam", 0.05)).fit(
                blocks(train, train.size(), 1), blocks(test, 16, 2), store, plan, null);
        assertEquals(expected.epochs().size(), h.epochs().size());
        assertEquals(expected.bestEpoch(), h.bestEpoch());
        assertEquals(expected.stoppedEpoch(), h.stoppedEpoch());
        System.out.println("one machine and the cluster: best epoch " + h.bestEpoch() + ", stopped after "
                + h.stoppedEpoch() + " of 30");
        for (int e = 0; e < h.epochs().size(); e++) {
            EpochStats a = expected.epochs().get(e);
            EpochStats b = h.epochs().get(e);
            assertEquals(a.loss(), b.loss(), 1e-10 * a.loss(), "epoch " + (e + 1) + " loss");
            assertEquals(a.testLoss(), b.testLoss(), 1e-10 * a.testLoss(), "epoch " + (e + 1) + " test loss");
            assertEquals(a.lr(), b.lr(), 0.0, "epoch " + (e + 1) + " lr");
            assertEquals(a.gradNorm(), b.gradNorm(), 1e-10 * a.gradNorm(), "epoch " + (e + 1) + " grad norm");
        }
        for (Node p : one.stored()) {
            double[] want = single.get(p).data;
            double[] got = store.get(p.label()).data;
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-9 * (1 + Math.abs(want[i])), p.label() + "[" + i + "]");
            }
        }
    }

    @Test
    void aStepOverSeveralBlocks_updatesTheRunningStatisticsWithTheWholeBatchs() {
        NetworkSpec spec = SPEC.withDropout(0);
        Network one = new Network(spec);
        ParameterStore single = Initializer.HE.initialize(one, new ParameterStore(), 3);
        ParameterStore start = single.copy();
        new Trainer(one, Optimizers.create("gd", 0.1)).fit(single, train, null,
                new TrainingPlan(1, TrainingPlan.FULL_BATCH, 1, 0), null);
        Network net = new Network(spec);
        ParameterStore store = rebind(net, start);
        new SparkTrainer(sc, net, Optimizers.create("gd", 0.1)).fit(blocks(train, 25, 3), null, store,
                new TrainingPlan(1, TrainingPlan.FULL_BATCH, 1, 0), null);
        // layer 1 sees the same Z[1] whatever the blocks: its running statistics are the whole batch's
        for (String b : new String[] {"running_mean1", "running_var1"}) {
            double[] want = single.get(b).data;
            double[] got = store.get(b).data;
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-12, b + "[" + i + "]");
            }
        }
        assertTrue(store.get("running_var1").data[0] != 1.0, "the running variance moved");
    }

    @Test
    void aBlockOfOneSample_isRefusedBeforeTrainingWithBatchNorm() {
        Network net = new Network(SPEC);
        ParameterStore store = Initializer.HE.initialize(net, new ParameterStore(), 3);
        double[] before = store.get("W1").data.clone();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SparkTrainer(sc, net, Optimizers.create("adam", 0.01)).fit(blocks(train, 67, 2), null,
                        store, new TrainingPlan(2, 67, 1, 0), null)); // 135 samples: blocks of 67, 67 and 1
        assertTrue(e.getMessage().contains("a block of 1"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, store.get("W1").data, 0.0);
    }

    private static JavaRDD<SampleBlock> blocks(Dataset data, int size, int partitions) {
        return sc.parallelize(SampleBlock.of(data, 3, size), partitions).cache();
    }

    private static ParameterStore rebind(Network net, ParameterStore values) {
        ParameterStore store = new ParameterStore();
        for (Node p : net.stored()) {
            store.set(p, values.get(p.label()).copy());
        }
        return store;
    }
}
