package io.github.gradgraph.spark;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.Trainer;
import io.github.gradgraph.nn.TrainingHistory;
import io.github.gradgraph.nn.TrainingPlan;
import io.github.gradgraph.nn.cluster.ClusterData;
import io.github.gradgraph.nn.cluster.ClusterSession;
import io.github.gradgraph.nn.data.DataSource;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.optim.Optimizer;
import org.apache.spark.api.java.JavaSparkContext;

/** A {@link ClusterSession} on a Spark context: data as {@link SparkClusterData}, training by {@link SparkTrainer}. */
final class SparkClusterSession implements ClusterSession {
    private final JavaSparkContext sc;

    SparkClusterSession(JavaSparkContext sc) {
        this.sc = sc;
    }

    @Override
    public String describe() {
        return "Spark " + sc.version() + ", master " + sc.master() + ", default parallelism " + sc.defaultParallelism();
    }

    @Override
    public int defaultPartitions() {
        return sc.defaultParallelism();
    }

    @Override
    public ClusterData readCsv(String path, String labelColumn, String testPath, double testFraction, long seed,
            int partitions) {
        SparkSamples train = SparkSamples.readCsv(sc, path, labelColumn, partitions);
        SparkSplit split = testPath == null ? train.split(testFraction, seed)
                : train.withTestFile(SparkSamples.readCsv(sc, testPath, labelColumn, partitions));
        return SparkClusterData.of(split);
    }

    @Override
    public ClusterData readArrays(DataSource train, DataSource test, double testFraction, long seed,
            int partitions) {
        SparkSamples samples = SparkSamples.readArrays(sc, train, partitions);
        SparkSplit split = test == null ? samples.split(testFraction, seed)
                : samples.withTestFile(SparkSamples.readArrays(sc, test, partitions));
        return SparkClusterData.of(split);
    }

    @Override
    public ClusterData distribute(Dataset train, Dataset test, int partitions) {
        return SparkClusterData.of(sc, train, test, partitions);
    }

    @Override
    public TrainingHistory fit(Network network, Optimizer optimizer, ParameterStore store, ClusterData data,
            TrainingPlan plan, Trainer.Listener listener, DType dtype) {
        if (!(data instanceof SparkClusterData d) || d.trainBlocks() == null) {
            throw new IllegalArgumentException("the data must come from this session and be prepared before training");
        }
        return new SparkTrainer(sc, network, optimizer, dtype).fit(d.trainBlocks(), d.testBlocks(), store, plan, listener);
    }

    @Override
    public void close() {
        sc.stop();
    }
}
