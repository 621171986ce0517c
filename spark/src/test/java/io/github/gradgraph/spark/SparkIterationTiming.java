package io.github.gradgraph.spark;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.optim.Optimizers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Time per full-batch iteration on Spark, for the closing notes — not a test of speed (nothing is asserted about
 * time). Run alone: {@code mvn -pl spark verify -Dtest=SparkIterationTiming -Dgradgraph.spark.timing=true
 * -DskipITs}. For each network, in this one JVM: the same gradient programs over the same blocks without Spark (the
 * baseline, in float64 and float32), then local[2] and a standalone cluster with 1 and 2 single-core executors; each
 * run also times an aggregate that broadcasts the parameters and sums the same-sized gradients without computing them
 * — Spark's share. Samples are generated on the executors (seeded), never shipped. Runs are interleaved and repeated;
 * the spread is printed.
 */
@EnabledIfSystemProperty(named = "gradgraph.spark.timing", matches = "true")
class SparkIterationTiming {
    private static final int SAMPLES = Integer.getInteger("gradgraph.spark.timing.samples", 20_000);
    private static final int BLOCK = 1_000;
    private static final int STEPS = 5;

    record Case(String name, NetworkSpec spec) {
    }

    @Test
    void timePerIteration() throws Exception {
        List<Case> cases = List.of(
                new Case("cat-sized [12288,20,7,5,1]", new NetworkSpec(new int[] {12288, 20, 7, 5, 1},
                        Activation.RELU, Activation.SIGMOID, LossKind.BCE, 0)),
                new Case("mnist-sized [784,256,128,10]", new NetworkSpec(new int[] {784, 256, 128, 10},
                        Activation.RELU, Activation.SOFTMAX, LossKind.SOFTMAX_CROSS_ENTROPY, 0)));
        List<String> report = new ArrayList<>();
        for (Case c : cases) {
            report.add(c.name() + ", " + SAMPLES + " samples in blocks of " + BLOCK + ", " + STEPS + " steps each:");
            report.add("  baseline (same programs, no Spark, 1 thread of tasks): " + baseline(c.spec()));
            report.add("  " + spark(c.spec(), "local[2]", null));
            for (int executors : new int[] {1, 2, 1, 2}) {
                try (StandaloneCluster cluster = new StandaloneCluster(executors, "6g")) {
                    report.add("  " + spark(c.spec(), cluster.url(), executors));
                }
            }
        }
        System.out.println(String.join("\n", report));
    }

    /**
     * @return seconds per step, median and range, of the gradient programs over every block without Spark, in float64
     *     and in float32 (alternating step by step), and the per-step ratio float32/float64
     */
    private static String baseline(NetworkSpec spec) {
        Network network = new Network(spec);
        ExecutorPrograms.Compiled[] programs = {new ExecutorPrograms.Compiled(NetworkDescription.of(network,
                DType.F64)), new ExecutorPrograms.Compiled(NetworkDescription.of(network, DType.F32))};
        Updates updates = new Updates(network, Optimizers.create("gd", 0.01));
        ParameterStore store = Initializer.HE.initialize(network, new ParameterStore(), 1);
        List<SampleBlock> blocks = IntStream.range(0, SAMPLES / BLOCK).mapToObj(i -> block(spec.size(0), spec.size(spec.depth()), i))
                .toList();
        double[][] seconds = new double[2][STEPS];
        double[] ratio = new double[STEPS];
        for (int s = -1; s < STEPS; s++) { // step −1 warms up (and rounds the blocks for float32 once)
            for (int d = 0; d < 2; d++) {
                long start = System.nanoTime();
                GradientSum sum = new GradientSum();
                double[][] params = updates.values(store);
                for (SampleBlock b : blocks) {
                    programs[d].accumulate(params, b, sum, 0L);
                }
                if (d == 0) {
                    updates.apply(store, sum);
                }
                if (s >= 0) {
                    seconds[d][s] = (System.nanoTime() - start) / 1e9;
                }
            }
            if (s >= 0) {
                ratio[s] = seconds[1][s] / seconds[0][s];
            }
        }
        double[] r = ratio.clone();
        Arrays.sort(r);
        return String.format(Locale.ROOT, "float64 %s, float32 %s (×%.2f of float64, range %.2f–%.2f)",
                spread(seconds[0]), spread(seconds[1]), median(ratio), r[0], r[r.length - 1]);
    }

    /** @return time per step on {@code master}, and the time of the same aggregate without gradient compute */
    private static String spark(NetworkSpec spec, String master, Integer executors) {
        SparkConf conf = SparkTrainer.configure(new SparkConf().setMaster(master).setAppName("gradgraph-timing")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.maxResultSize", "2g"));
        if (executors != null) {
            conf.set("spark.executor.cores", "1").set("spark.cores.max", executors.toString())
                    .set("spark.executor.memory", executors == 1 ? "5g" : "3g")
                    .set("spark.executor.extraClassPath", StandaloneCluster.classpath());
        }
        try (JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf))) {
            if (executors != null) {
                while (sc.sc().statusTracker().getExecutorInfos().length < executors + 1) {
                    Thread.sleep(100);
                }
            }
            int partitions = executors == null ? 2 : executors * 2;
            int n = spec.size(0);
            int k = spec.size(spec.depth());
            JavaRDD<SampleBlock> blocks = sc.parallelize(IntStream.range(0, SAMPLES / BLOCK).boxed().toList(),
                    partitions).map(i -> block(n, k, i)).cache();
            blocks.count();
            Network network = new Network(spec);
            ParameterStore store = Initializer.HE.initialize(network, new ParameterStore(), 1);
            SparkTrainer trainer = new SparkTrainer(sc, network, Optimizers.create("gd", 0.01));
            trainer.fit(blocks, store, 1); // compiles on every executor
            double[] step = new double[STEPS];
            double[] overhead = new double[STEPS];
            for (int s = 0; s < STEPS; s++) { // interleaved: a step, then an aggregate without compute
                long start = System.nanoTime();
                trainer.fit(blocks, store, 1);
                step[s] = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                emptyAggregate(sc, blocks, new Updates(network, Optimizers.create("gd", 0.01)).values(store));
                overhead[s] = (System.nanoTime() - start) / 1e9;
            }
            double share = median(overhead) / median(step);
            return String.format(Locale.ROOT, "%-28s step %s; Spark without compute %s (%.0f%% of a step)",
                    executors == null ? master : executors + " executor(s) on a cluster", spread(step),
                    spread(overhead), 100 * share);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The shape of a step — broadcast, a task per partition, gradient-sized sums in order — with no compute. */
    private static void emptyAggregate(JavaSparkContext sc, JavaRDD<SampleBlock> blocks, double[][] values) {
        Broadcast<double[][]> params = sc.broadcast(values);
        try {
            FixedOrderSum.of(blocks, GradientSum::new, (acc, b) -> {
                double[][] p = params.value();
                double[][] g = new double[p.length][];
                for (int i = 0; i < p.length; i++) {
                    g[i] = new double[p[i].length];
                }
                acc.add(g, 0, b.size(), 0);
                return acc;
            }, GradientSum::merge);
        } catch (Exception e) {
            throw TaskFailures.unwrap(e);
        } finally {
            params.destroy();
        }
    }

    /** @return block {@code i} of seeded random samples: Gaussian features, labels from a fixed random projection */
    static SampleBlock block(int n, int k, int i) {
        Random random = new Random(1000L + i);
        double[] x = new double[n * BLOCK];
        for (int e = 0; e < x.length; e++) {
            x[e] = random.nextGaussian();
        }
        double[] y = new double[k * BLOCK];
        for (int j = 0; j < BLOCK; j++) {
            int label = (int) Math.floorMod((long) (x[j] * 1000) + (long) (x[(n - 1) * BLOCK + j] * 7), Math.max(2, k));
            if (k == 1) {
                y[j] = label;
            } else {
                y[label * BLOCK + j] = 1;
            }
        }
        return new SampleBlock(n, k, BLOCK, x, y);
    }

    private static String spread(double[] seconds) {
        double[] s = seconds.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.3f s [%.3f–%.3f]", median(seconds), s[0], s[s.length - 1]);
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
