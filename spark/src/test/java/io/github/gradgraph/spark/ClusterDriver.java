package io.github.gradgraph.spark;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.optim.Optimizers;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * A driver JVM for the standalone-cluster tests: reads a CSV on the executors and trains {@link #SPEC} full batch
 * with adam, printing "step k" after each step (so a test can act mid-training), then "executors-with-tasks N" and
 * "executors-removed N", and writes the trained parameters' exact bits to a file.
 * Arguments: master URL, CSV path, output file, steps, partitions, executors to wait for.
 */
public final class ClusterDriver {
    /** The network every cluster test trains: 2 inputs, two hidden tanh layers, 3 softmax outputs. */
    static final io.github.gradgraph.nn.NetworkSpec SPEC = new io.github.gradgraph.nn.NetworkSpec(new int[] {2, 16, 8,
        3}, io.github.gradgraph.nn.Activation.TANH, io.github.gradgraph.nn.Activation.SOFTMAX,
            io.github.gradgraph.nn.LossKind.SOFTMAX_CROSS_ENTROPY, 0.001);
    static final long SEED = 5;
    static final double LR = 0.02;
    static final int BLOCK = 32;

    private ClusterDriver() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String master = args[0];
        String csv = args[1];
        Path out = Path.of(args[2]);
        int steps = Integer.parseInt(args[3]);
        int partitions = Integer.parseInt(args[4]);
        int executors = Integer.parseInt(args[5]);
        SparkConf conf = SparkTrainer.configure(new SparkConf().setMaster(master).setAppName("gradgraph-cluster-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.executor.cores", "1")
                .set("spark.cores.max", Integer.toString(executors)).set("spark.executor.memory", "512m")
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path")));
        Set<String> worked = ConcurrentHashMap.newKeySet();
        AtomicInteger removed = new AtomicInteger();
        try (JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf))) {
            sc.sc().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd e) {
                    if (e.taskInfo().successful()) {
                        worked.add(e.taskInfo().executorId());
                    }
                }

                @Override
                public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
                    removed.incrementAndGet();
                }
            });
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (sc.sc().statusTracker().getExecutorInfos().length < executors + 1) { // the driver is listed too
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("fewer than " + executors + " executors after 60 s");
                }
                Thread.sleep(100);
            }
            SparkSplit data = SparkSamples.readCsv(sc, csv, null, partitions).split(0, 1);
            JavaRDD<SampleBlock> blocks = data.trainBlocks(data.fit(1, true), SPEC.size(SPEC.depth()), BLOCK);
            Network network = new Network(SPEC);
            ParameterStore store = initial(network);
            new SparkTrainer(sc, network, Optimizers.create("adam", LR)).fit(blocks, store, steps,
                    (step, loss) -> {
                        System.out.println("step " + step + " " + loss);
                        System.out.flush();
                    });
            write(network, store, out);
        }
        System.out.println("executors-with-tasks " + worked.size());
        System.out.println("executors-removed " + removed.get());
        System.out.flush();
    }

    /** @return the starting parameters every run (and the single-machine check) uses */
    static ParameterStore initial(Network network) {
        return Initializer.XAVIER.initialize(network, new ParameterStore(), SEED);
    }

    private static void write(Network network, ParameterStore store, Path out) throws IOException {
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(out))) {
            for (Node p : network.parameters()) {
                for (double v : store.get(p).data) {
                    o.writeDouble(v);
                }
            }
        }
    }
}
