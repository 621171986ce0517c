package io.github.gradgraph.spark;

import io.github.gradgraph.nn.data.DataException;
import io.github.gradgraph.nn.data.DataSource;
import io.github.gradgraph.nn.data.Preprocessing;
import io.github.gradgraph.nn.data.StandardizerPasses;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;

/**
 * Labelled samples read by the executors, not shipped from the driver: a CSV file ({@link #readCsv}) or a numpy/HDF5
 * file ({@link #readArrays}), each worker reading its own part, as one machine reads the whole. {@link #split} holds
 * out the same samples as {@code Dataset.split} with the same seed; {@link SparkSplit} fits the preprocessing on the
 * training samples distributedly and cuts both parts into blocks.
 */
public final class SparkSamples {
    private final JavaSparkContext sc;
    private final String path;
    private final JavaRDD<SampleRow> rows;
    private final List<String> featureNames;
    private final List<String> classNames;
    private final long samples;

    /**
     * @param path         the data's name in messages: the file as given
     * @param rows         the samples, cached on the executors
     * @param featureNames one per feature
     * @param classNames   the class of each index
     */
    SparkSamples(JavaSparkContext sc, String path, JavaRDD<SampleRow> rows, List<String> featureNames,
            List<String> classNames, long samples) {
        this.sc = sc;
        this.path = path;
        this.rows = rows;
        this.featureNames = featureNames;
        this.classNames = classNames;
        this.samples = samples;
    }

    /**
     * Reads a CSV file on the executors, as one machine reads it ({@link SparkCsvReader}).
     *
     * @param path        a path every node can read (a local file in local mode, HDFS or a shared mount on a
     *                    cluster)
     * @param labelColumn a header name or 0-based index; null for the last column
     * @param partitions  at least this many partitions of the file's lines
     * @throws DataException when the file is missing, empty or has a bad record (file, line and column named)
     */
    public static SparkSamples readCsv(JavaSparkContext sc, String path, String labelColumn, int partitions) {
        return SparkCsvReader.read(sc, path, labelColumn, partitions);
    }

    /**
     * Reads a {@code .npy}, {@code .npz} or HDF5 file on the executors, each its own range of samples
     * ({@link SparkArrayReader}).
     *
     * @param source     the file (a path every node can read) and its arrays, as one machine names them
     * @param partitions this many ranges of samples
     * @throws DataException when the file or an array is missing or unreadable, or a label is not a class
     */
    public static SparkSamples readArrays(JavaSparkContext sc, DataSource source, int partitions) {
        return SparkArrayReader.read(sc, source, partitions);
    }

    /** @return the file's path as given */
    public String path() {
        return path;
    }

    /** @return n[0], the feature columns */
    public int features() {
        return featureNames.size();
    }

    /** @return the class of each index, as one machine sorts them */
    public List<String> classNames() {
        return classNames;
    }

    /** @return m, the samples */
    public long samples() {
        return samples;
    }

    JavaRDD<SampleRow> rows() {
        return rows;
    }

    JavaSparkContext context() {
        return sc;
    }

    /**
     * @param testFraction the part held out, in [0, 1)
     * @param seed         the same seed holds out the same samples as {@code Dataset.split} on one machine
     */
    public SparkSplit split(double testFraction, long seed) {
        return SparkSplit.of(this, testFraction, seed);
    }

    /** @return all of this file for training and {@code test} (classes matched by name) for testing */
    public SparkSplit withTestFile(SparkSamples test) {
        return SparkSplit.of(this, test);
    }

    /** @return per-column sums of {@code add} over every row, in a fixed order (so reruns give the same bits) */
    static double[] sum(JavaRDD<SampleRow> rows, int width, Function2<double[], SampleRow, double[]> add) {
        try {
            return FixedOrderSum.of(rows, () -> new double[width], add, (a, b) -> {
                for (int i = 0; i < a.length; i++) {
                    a[i] += b[i];
                }
                return a;
            });
        } catch (Exception e) {
            throw TaskFailures.unwrap(e);
        }
    }

    /** @return the class index of each normalized label of the training file */
    Map<String, Integer> classIndex() {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int k = 0; k < classNames.size(); k++) {
            index.put(classNames.get(k), k);
        }
        return index;
    }

    /**
     * Fits as one machine's {@code Preprocessing.fit} does, by the passes of {@link StandardizerPasses} (so data near
     * ±1e300 standardize as there, and ordinary data as the plain two-pass formula, bit for bit), each a
     * {@link FixedOrderSum} of the executors' partial sums. A value that the scale makes infinite is refused as one
     * machine refuses it.
     *
     * @param m the rows
     * @return the preprocessing {@code Preprocessing.fit} gives for these rows' features
     * @throws IllegalArgumentException if a scaled value overflows, naming the feature
     */
    static Preprocessing fit(JavaRDD<SampleRow> rows, int n, long m, double scale, boolean standardize) {
        if (!standardize && Math.abs(scale) <= 1) {
            return new Preprocessing(scale, null); // the readers let only finite values in; |s| ≤ 1 keeps them so
        }
        double[] range = scaledRange(rows, n, m, scale);
        if (!standardize) {
            return new Preprocessing(scale, null);
        }
        int[] k = StandardizerPasses.exponents(range);
        double[] mu = StandardizerPasses.scaledMeans(sum(rows, n, (acc, r) -> {
            for (int i = 0; i < n; i++) {
                acc[i] += StandardizerPasses.scaled(r.x[i] * scale, k[i]); // × 1 is exact, as on one machine
            }
            return acc;
        }), m);
        double[] squares = sum(rows, n, (acc, r) -> {
            for (int i = 0; i < n; i++) {
                acc[i] += StandardizerPasses.squaredDeviation(r.x[i] * scale, k[i], mu[i]);
            }
            return acc;
        });
        return new Preprocessing(scale, StandardizerPasses.standardizer(range, mu, squares, m));
    }

    /**
     * @return each feature's least and greatest scaled value: the extremes of the unscaled values, gathered on the
     *         executors, scaled on the driver (s·x is monotone in x, so they are the extremes of s·x, swapped when
     *         s &lt; 0) and checked there as one machine checks every value
     */
    private static double[] scaledRange(JavaRDD<SampleRow> rows, int n, long m, double scale) {
        double[] raw;
        try {
            raw = FixedOrderSum.of(rows, () -> StandardizerPasses.emptyRange(n), (acc, r) -> {
                for (int i = 0; i < n; i++) {
                    StandardizerPasses.widen(acc, i, r.x[i]);
                }
                return acc;
            }, StandardizerPasses::mergeRanges);
        } catch (Exception e) {
            throw TaskFailures.unwrap(e);
        }
        double[] range = StandardizerPasses.emptyRange(n);
        for (int i = 0; m > 0 && i < n; i++) {
            StandardizerPasses.widen(range, i, Preprocessing.scaledValue(raw[2 * i], scale, i, n));
            StandardizerPasses.widen(range, i, Preprocessing.scaledValue(raw[2 * i + 1], scale, i, n));
        }
        return range;
    }
}
