package io.github.gradgraph.spark;

import io.github.gradgraph.nn.data.CsvData;
import io.github.gradgraph.nn.data.DataException;
import io.github.gradgraph.nn.data.Preprocessing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * A CSV file read by the executors, not shipped from the driver: each partition of the file's lines is parsed where
 * it lies. The file is read as {@link CsvData#load} reads it on one machine — the first line is a header when any of
 * its cells is not a number; the label is the last column or the one named; classes sorted as one machine sorts them
 * — and a bad cell fails the job with its file, line and column. {@link #split} holds out the same samples as
 * {@code Dataset.split} with the same seed; {@link SparkSplit} fits the preprocessing on the training samples
 * distributedly and cuts both parts into blocks.
 */
public final class SparkCsv {
    private final JavaSparkContext sc;
    private final String path;
    private final JavaRDD<CsvRow> rows;
    private final List<String> featureNames;
    private final List<String> classNames;
    private final long samples;

    private SparkCsv(JavaSparkContext sc, String path, JavaRDD<CsvRow> rows, List<String> featureNames,
            List<String> classNames, long samples) {
        this.sc = sc;
        this.path = path;
        this.rows = rows;
        this.featureNames = featureNames;
        this.classNames = classNames;
        this.samples = samples;
    }

    /**
     * Parses the file on the executors (cached there) and finds its classes: two passes.
     *
     * @param path        a path every node can read (a local file in local mode, HDFS or a shared mount on a
     *                    cluster)
     * @param labelColumn a header name or 0-based index; null for the last column
     * @param partitions  at least this many partitions of the file's lines
     * @throws DataException when the file is missing, empty or has a bad record (file, line and column named)
     */
    public static SparkCsv read(JavaSparkContext sc, String path, String labelColumn, int partitions) {
        try {
            return parse(sc, path, labelColumn, partitions);
        } catch (Exception e) {
            throw TaskFailures.unwrap(e);
        }
    }

    private static SparkCsv parse(JavaSparkContext sc, String path, String labelColumn, int partitions)
            throws Exception {
        JavaRDD<String> lines = sc.textFile(path, partitions);
        String first;
        try {
            first = lines.first();
        } catch (UnsupportedOperationException e) {
            throw new DataException(path + " is empty");
        } catch (Exception e) {
            if (e.getClass().getSimpleName().equals("InvalidInputException")) { // Hadoop's: no such path
                throw new DataException(path + ": " + e.getMessage(), e);
            }
            throw e;
        }
        String[] head = CsvData.cells(first);
        boolean header = false;
        for (String c : head) {
            header |= !CsvData.isNumeric(c);
        }
        int width = head.length;
        int label = labelColumn == null ? width - 1 : CsvData.column(path, header ? head : null, width, labelColumn);
        if (width < 2) {
            throw new DataException(path + ": no feature columns besides the label");
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            if (c != label) {
                names.add(header ? head[c] : "column " + c);
            }
        }
        boolean skip = header;
        String[] headNames = header ? head : null;
        JavaRDD<CsvRow> rows = lines.zipWithIndex()
                .filter(t -> !(skip && t._2() == 0))
                .map(t -> {
                    String[] cells = CsvData.cells(t._1());
                    return cells == null ? null : new Tuple2<>(cells, t._2() + 1);
                })
                .filter(t -> t != null)
                .zipWithIndex()
                .map(t -> row(t._1()._1(), t._2(), t._1()._2(), width, label, path, headNames))
                .cache();
        List<String> labels = rows.map(r -> CsvData.normalizedLabel(r.label)).distinct().collect();
        if (labels.isEmpty()) {
            throw new DataException(path + " has a header but no data rows");
        }
        List<String> classes = new ArrayList<>(CsvData.classIndex(labels).keySet());
        return new SparkCsv(sc, path, rows, names, classes, rows.count());
    }

    /** @return the sample; a bad row fails with its file, line and column */
    private static CsvRow row(String[] cells, long index, long line, int width, int label, String path,
            String[] header) {
        if (cells.length != width) {
            throw new DataException(path + " line " + line + ": expected " + width + " columns, found "
                    + cells.length);
        }
        double[] x = new double[width - 1];
        for (int c = 0, i = 0; c < width; c++) {
            if (c == label) {
                continue;
            }
            if (!CsvData.isNumeric(cells[c])) {
                throw new DataException(path + " line " + line + ", column " + (c + 1)
                        + (header != null ? " ('" + header[c] + "')" : "") + ": '" + cells[c]
                        + "' is not a finite number");
            }
            x[i++] = Double.parseDouble(cells[c]);
        }
        return new CsvRow(index, x, cells[label]);
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

    JavaRDD<CsvRow> rows() {
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
    public SparkSplit withTestFile(SparkCsv test) {
        return SparkSplit.of(this, test);
    }

    /** @return per-column sums of {@code add} over every row, in a fixed order (so reruns give the same bits) */
    static double[] sum(JavaRDD<CsvRow> rows, int width, Function2<double[], CsvRow, double[]> add) {
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
    static Preprocessing fit(JavaRDD<CsvRow> rows, int n, double scale, boolean standardize) {
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
            double sd = Math.sqrt(squares[i] / m);
            std[i] = sd > 0 ? sd : 1.0;
        }
        return new Preprocessing(scale, new io.github.gradgraph.nn.data.Standardizer(mean, std));
    }
}
