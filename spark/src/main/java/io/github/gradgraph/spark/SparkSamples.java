package io.github.gradgraph.spark;

import io.github.gradgraph.nn.data.DataException;
import io.github.gradgraph.nn.data.DataSource;
import io.github.gradgraph.nn.data.Preprocessing;
import io.github.gradgraph.nn.data.Standardizer;
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

    /** @return the preprocessing {@code Preprocessing.fit} gives for these rows' features */
    static Preprocessing fit(JavaRDD<SampleRow> rows, int n, double scale, boolean standardize) {
        if (!standardize) {
            return new Preprocessing(scale, null);
        }
        double[] sums = sum(rows, n + 1, (acc, r) -> {
            for (int i = 0; i < n; i++) {
                acc[i] += r.x[i] * scale; // × 1 is exact: unscaled data sum as on one machine
            }
            acc[n] += 1;
            return acc;
        });
        long m = (long) sums[n];
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            mean[i] = sums[i] / m;
        }
        double[] squares = sum(rows, n, (acc, r) -> {
            for (int i = 0; i < n; i++) {
                double d = r.x[i] * scale - mean[i];
                acc[i] += d * d;
            }
            return acc;
        });
        double[] std = new double[n];
        for (int i = 0; i < n; i++) {
            std[i] = Standardizer.std(squares[i], m);
        }
        return new Preprocessing(scale, new Standardizer(mean, std));
    }
}
