package io.github.gradgraph.spark;

import io.github.gradgraph.nn.Metrics;
import io.github.gradgraph.nn.cluster.ClusterData;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Preprocessing;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.ejml.data.DMatrixRMaj;

/**
 * Samples on Spark: a CSV read by the executors ({@link SparkSplit}), or data sets held by the driver and sent once,
 * already preprocessed; {@link #prepare} makes the cached blocks training uses.
 */
final class SparkClusterData implements ClusterData {
    private final String name;
    private final String testName;
    private final int features;
    private final List<String> classNames;
    private final long trainSize;
    private final long testSize;
    private final SparkSplit split; // null for data sent by the driver
    private final JavaSparkContext sc;
    private final Dataset train;
    private final Dataset test;
    private final int partitions;
    private JavaRDD<SampleBlock> trainBlocks;
    private JavaRDD<SampleBlock> testBlocks;

    private SparkClusterData(String name, String testName, int features, List<String> classNames, long trainSize,
            long testSize, SparkSplit split, JavaSparkContext sc, Dataset train, Dataset test, int partitions) {
        this.name = name;
        this.testName = testName;
        this.features = features;
        this.classNames = List.copyOf(classNames);
        this.trainSize = trainSize;
        this.testSize = testSize;
        this.split = split;
        this.sc = sc;
        this.train = train;
        this.test = test;
        this.partitions = partitions;
    }

    static SparkClusterData of(SparkSplit split) {
        SparkSamples csv = split.source();
        return new SparkClusterData(csv.path(), split.testName(), csv.features(), csv.classNames(), split.trainSize(),
                split.testSize(), split, null, null, null, 0);
    }

    static SparkClusterData of(JavaSparkContext sc, Dataset train, Dataset test, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("the partitions must be at least 1, got " + partitions);
        }
        return new SparkClusterData(train.name(), test == null ? train.name() : test.name(), train.features(),
                train.classNames(), train.size(), test == null ? 0 : test.size(), null, sc, train, test, partitions);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String testName() {
        return testName;
    }

    @Override
    public int features() {
        return features;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public long trainSize() {
        return trainSize;
    }

    @Override
    public long testSize() {
        return testSize;
    }

    @Override
    public Preprocessing fit(double scale, boolean standardize) {
        return split == null ? Preprocessing.NONE : split.fit(scale, standardize);
    }

    @Override
    public void prepare(Preprocessing preprocessing, int outputs, int blockSize) {
        if (split != null) {
            trainBlocks = split.trainBlocks(preprocessing, outputs, blockSize);
            testBlocks = split.testBlocks(preprocessing, outputs, blockSize);
        } else {
            trainBlocks = sc.parallelize(SampleBlock.of(train, outputs, blockSize), partitions).cache();
            testBlocks = test == null || test.size() == 0 ? null
                    : sc.parallelize(SampleBlock.of(test, outputs, blockSize), partitions).cache();
        }
    }

    @Override
    public Dataset head(int n) {
        if (trainBlocks == null) {
            throw new IllegalStateException("prepare the data first");
        }
        List<SampleBlock> one = trainBlocks.take(1);
        int blocks = one.isEmpty() ? 0 : (int) Math.min(Math.max(1, n), (n + one.get(0).size() - 1L)
                / one.get(0).size() + 1); // blocks are mostly as large as the first
        List<SampleBlock> first = new ArrayList<>();
        int have = 0;
        for (SampleBlock b : trainBlocks.take(blocks)) {
            if (have >= n) {
                break;
            }
            first.add(b);
            have += b.size();
        }
        int m = Math.min(n, have);
        DMatrixRMaj x = new DMatrixRMaj(features, m);
        int[] labels = new int[m];
        int j = 0;
        for (SampleBlock b : first) {
            DMatrixRMaj bx = b.xMatrix();
            DMatrixRMaj by = b.yMatrix();
            for (int c = 0; c < b.size() && j < m; c++, j++) {
                for (int i = 0; i < features; i++) {
                    x.set(i, j, bx.get(i, c));
                }
                labels[j] = Metrics.predictedClass(by, c);
            }
        }
        return new Dataset(name, x, labels, classNames);
    }

    JavaRDD<SampleBlock> trainBlocks() {
        return trainBlocks;
    }

    JavaRDD<SampleBlock> testBlocks() {
        return testBlocks;
    }
}
