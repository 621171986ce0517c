package io.github.gradgraph.spark;

import io.github.gradgraph.nn.data.CsvData;
import io.github.gradgraph.nn.data.DataException;
import io.github.gradgraph.nn.data.Preprocessing;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Standardizer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.ejml.data.DMatrixRMaj;

/**
 * The training and test samples of a distributed CSV, as one machine would split them: held out by the same
 * permutation as {@code Dataset.split} with the same seed (drawn on the driver, sent to the executors as one bit per
 * sample), or a test file whose classes are matched to the training file's by name. The preprocessing is fitted on the
 * training samples only, and both parts are cut into {@link SampleBlock}s on the executors.
 */
public final class SparkSplit {
    private final SparkSamples source;
    private final JavaRDD<SampleRow> train;
    private final JavaRDD<SampleRow> test;
    private final long trainSize;
    private final long testSize;
    private final String testName;

    private SparkSplit(SparkSamples source, JavaRDD<SampleRow> train, JavaRDD<SampleRow> test, long trainSize, long testSize,
            String testName) {
        this.source = source;
        this.train = train;
        this.test = test;
        this.trainSize = trainSize;
        this.testSize = testSize;
        this.testName = testName;
    }

    static SparkSplit of(SparkSamples csv, double testFraction, long seed) {
        int m = Math.toIntExact(csv.samples());
        int[] order = Dataset.splitOrder(csv.path(), m, testFraction, seed);
        int held = m - Dataset.trainCount(m, testFraction);
        long[] bits = new long[(m + 63) / 64];
        for (int k = 0; k < held; k++) {
            bits[order[k] >>> 6] |= 1L << (order[k] & 63);
        }
        Broadcast<long[]> inTest = csv.context().broadcast(bits);
        JavaRDD<SampleRow> train = csv.rows().filter(r -> !isSet(inTest.value(), r.index));
        JavaRDD<SampleRow> test = held == 0 ? null : csv.rows().filter(r -> isSet(inTest.value(), r.index));
        return new SparkSplit(csv, train, test, m - held, held, csv.path());
    }

    static SparkSplit of(SparkSamples train, SparkSamples test) {
        if (test.features() != train.features()) {
            throw new DataException(test.path() + " has " + test.features() + " features, " + train.path() + " has "
                    + train.features());
        }
        for (String c : test.classNames()) {
            if (!train.classNames().contains(c)) {
                throw new DataException(test.path() + " has class '" + c + "', which " + train.path()
                        + " does not have (its classes: " + String.join(", ", train.classNames()) + ")");
            }
        }
        return new SparkSplit(train, train.rows(), test.rows(), train.samples(), test.samples(), test.path());
    }

    private static boolean isSet(long[] bits, long index) {
        return (bits[(int) (index >>> 6)] & (1L << (index & 63))) != 0;
    }

    /** @return the preprocessing {@code Preprocessing.fit(scale, standardize, trainX)} gives, fitted distributedly */
    public Preprocessing fit(double scale, boolean standardize) {
        Preprocessing.checkScale(scale);
        return SparkSamples.fit(train, source.features(), trainSize, scale, standardize);
    }

    /** @return the training samples, preprocessed, in blocks of at most {@code blockSize}; cached */
    public JavaRDD<SampleBlock> trainBlocks(Preprocessing p, int outputs, int blockSize) {
        return blocks(train, p, outputs, blockSize);
    }

    /** @return the test samples in blocks as {@link #trainBlocks}, or null when none are held out */
    public JavaRDD<SampleBlock> testBlocks(Preprocessing p, int outputs, int blockSize) {
        return test == null ? null : blocks(test, p, outputs, blockSize);
    }

    /** @return m of the training part */
    public long trainSize() {
        return trainSize;
    }

    /** @return the samples of the test part (0 when none) */
    public long testSize() {
        return testSize;
    }

    /** @return where the test samples come from */
    public String testName() {
        return testName;
    }

    /** @return the data this split is of */
    public SparkSamples source() {
        return source;
    }

    private JavaRDD<SampleBlock> blocks(JavaRDD<SampleRow> rows, Preprocessing p, int outputs, int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("the block size must be at least 1, got " + blockSize);
        }
        int k = source.classNames().size();
        if (outputs == 1 ? k > 2 : outputs != k) {
            throw new IllegalArgumentException(source.path() + " has " + k + " classes; a network with " + outputs
                    + " outputs cannot learn them");
        }
        Broadcast<BlockMaker> maker = source.context().broadcast(new BlockMaker(p, source.classIndex(), outputs));
        JavaRDD<SampleBlock> blocks = rows.mapPartitions(it -> maker.value().blocks(it, blockSize)).cache();
        try {
            blocks.count();
        } catch (Exception e) {
            throw TaskFailures.unwrap(e);
        }
        return blocks;
    }

    /** What every executor needs to turn rows into blocks. (A class: Spark's Kryo cannot set a record's fields.) */
    static final class BlockMaker implements Serializable {
        private static final long serialVersionUID = 1L;
        private final double scale;
        private final double[] mean;
        private final double[] std;
        private final HashMap<String, Integer> classes;
        private final int outputs;

        BlockMaker(Preprocessing p, Map<String, Integer> classes, int outputs) {
            this.scale = p.scale();
            this.mean = p.standardizer() == null ? null : p.standardizer().mean();
            this.std = p.standardizer() == null ? null : p.standardizer().std();
            this.classes = new HashMap<>(classes);
            this.outputs = outputs;
        }

        Iterator<SampleBlock> blocks(Iterator<SampleRow> rows, int blockSize) {
            Preprocessing p = new Preprocessing(scale, mean == null ? null : new Standardizer(mean, std));
            List<SampleBlock> out = new ArrayList<>();
            List<SampleRow> pending = new ArrayList<>();
            while (rows.hasNext()) {
                pending.add(rows.next());
                if (pending.size() == blockSize || !rows.hasNext()) {
                    out.add(block(pending, p));
                    pending.clear();
                }
            }
            return out.iterator();
        }

        /** Preprocesses by one machine's {@code Preprocessing.apply}, so a block's features are its, bit for bit. */
        private SampleBlock block(List<SampleRow> rows, Preprocessing p) {
            int n = rows.get(0).x.length;
            int b = rows.size();
            DMatrixRMaj raw = new DMatrixRMaj(n, b);
            double[] y = new double[outputs * b];
            for (int j = 0; j < b; j++) {
                SampleRow r = rows.get(j);
                for (int i = 0; i < n; i++) {
                    raw.set(i, j, r.x[i]);
                }
                int k = classes.get(CsvData.normalizedLabel(r.label));
                if (outputs == 1) {
                    y[j] = k;
                } else {
                    y[k * b + j] = 1;
                }
            }
            return new SampleBlock(n, outputs, b, p.apply(raw).data, y);
        }
    }
}
