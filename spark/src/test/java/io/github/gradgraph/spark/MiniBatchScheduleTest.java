package io.github.gradgraph.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.Standardizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seeded distributed mini-batch schedule: every block once per epoch, the same steps for the same seed and epoch,
 * and a distributed run equal to its single-machine replay to 1e-12, in float64 and in float32.
 */
class MiniBatchScheduleTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
    }

    @Test
    void everyEpoch_usesEveryBlockOnce_andIsTheSameForTheSameSeed() {
        BlockSchedule s = new BlockSchedule(13, 4, 7);
        for (int e = 0; e < 5; e++) {
            List<Integer> seen = new ArrayList<>();
            for (int[] step : s.steps(e)) {
                Arrays.stream(step).forEach(seen::add);
            }
            seen.sort(null);
            assertEquals(13, seen.size());
            for (int b = 0; b < 13; b++) {
                assertEquals(b, seen.get(b));
            }
            assertEquals(4, s.steps(e).size());
            assertArrayEquals(s.steps(e).get(0), new BlockSchedule(13, 4, 7).steps(e).get(0));
        }
        assertNotEquals(Arrays.toString(s.steps(0).get(0)), Arrays.toString(s.steps(1).get(0)), "epochs differ");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void distributedMiniBatches_equalTheirSingleMachineReplay(DType dtype) {
        Dataset raw = Datasets.moons(301, 0.2, 8);
        Dataset data = raw.withFeatures(Standardizer.fit(raw.x()).apply(raw.x()));
        NetworkSpec spec = new NetworkSpec(new int[] {2, 10, 5, 1}, Activation.RELU, Activation.SIGMOID,
                LossKind.BCE, 0.001);
        List<SampleBlock> blocks = SampleBlock.of(data, 1, 20); // 16 blocks, the last of 1
        BlockSchedule schedule = new BlockSchedule(blocks.size(), 3, 11);

        Network local = new Network(spec);
        ParameterStore replayed = Initializer.HE.initialize(local, new ParameterStore(), 4);
        ParameterStore start = replayed.copy();
        double[] expected = LocalReplay.fit(local, Optimizers.create("momentum", 0.05), blocks, replayed, schedule, 4,
                dtype);
        if (dtype == DType.F32) { // the executors computed in float32: J is float32's, not float64's
            double[] wide = LocalReplay.fit(local, Optimizers.create("momentum", 0.05), blocks,
                    start.copy(), schedule, 4);
            double first = Math.abs(wide[0] - expected[0]) / wide[0];
            assertTrue(first > 0 && first < 1e-6, "float32 J of the first step differs from float64's by " + first);
        }

        Network net = new Network(spec);
        ParameterStore store = new ParameterStore();
        for (Node p : net.parameters()) {
            store.set(p, start.get(p.label()));
        }
        JavaRDD<SampleBlock> rdd = sc.parallelize(blocks, 3).cache();
        double[] losses = new SparkTrainer(sc, net, Optimizers.create("momentum", 0.05), dtype).fitMiniBatch(rdd,
                store, schedule, 4);
        rdd.unpersist();
        assertEquals(expected.length, losses.length);
        assertEquals(4 * 6, losses.length, "16 blocks, 3 per step: 6 steps an epoch");
        for (int s = 0; s < losses.length; s++) {
            assertEquals(expected[s], losses[s], 1e-12 * expected[s], "J of step " + (s + 1));
        }
        for (Node p : net.parameters()) {
            double[] a = replayed.get(p.label()).data;
            double[] b = store.get(p).data;
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-12 * (1 + Math.abs(a[i])), p.label() + "[" + i + "]");
            }
        }
        assertTrue(expected[expected.length - 1] < expected[0], "it trained");
    }
}
