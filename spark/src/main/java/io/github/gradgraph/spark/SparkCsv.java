package io.github.gradgraph.spark;

import io.github.gradgraph.nn.data.CsvData;
import io.github.gradgraph.nn.data.DataException;
import io.github.gradgraph.nn.data.Standardizer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * A CSV file read by the executors, not shipped from the driver: each partition of the file's lines is parsed where
 * it lies, into {@link SampleBlock}s. Classes and standardization are computed distributedly — the distinct labels in
 * one pass, the per-feature mean and standard deviation in two more, summed in a fixed order (as {@link Standardizer#fit}: the mean, then the
 * mean squared deviation) — and agree with what {@link CsvData#load} and {@link Standardizer#fit} give on one machine.
 * The label is the last column; the first line is a header when any of its cells is not a number.
 *
 * @param blocks       standardized blocks, cached
 * @param classNames   the class of each index
 * @param standardizer μ and σ per feature
 * @param samples      m
 */
public record SparkCsv(JavaRDD<SampleBlock> blocks, List<String> classNames, Standardizer standardizer, long samples) {
    /**
     * @param path      a path every node can read (a local file in local mode, HDFS or a shared mount on a cluster)
     * @param outputs   the network's output units: 1 for 0/1 targets, K for one-hot
     * @param blockSize at most this many samples per block
     */
    public static SparkCsv read(JavaSparkContext sc, String path, int outputs, int blockSize, int partitions) {
        try {
            return readOrFail(sc, path, outputs, blockSize, partitions);
        } catch (Exception e) {
            throw TaskFailures.unwrap(e);
        }
    }

    private static SparkCsv readOrFail(JavaSparkContext sc, String path, int outputs, int blockSize, int partitions)
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
        boolean skip = header;
        JavaRDD<String[]> rows = lines.zipWithIndex()
                .filter(t -> !(skip && t._2() == 0))
                .map(t -> checked(CsvData.cells(t._1()), width, path, t._2() + 1, skip ? head : null))
                .filter(r -> r != null);
        rows.cache();
        List<String> labels = rows.map(r -> CsvData.normalizedLabel(r[width - 1])).distinct().collect();
        Map<String, Integer> classes = CsvData.classIndex(labels);
        int n = width - 1;
        double[] sums = sum(rows, n + 1, (acc, r) -> {
            for (int i = 0; i < n; i++) {
                acc[i] += Double.parseDouble(r[i]);
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
                double d = Double.parseDouble(r[i]) - mean[i];
                acc[i] += d * d;
            }
            return acc;
        });
        double[] std = new double[n];
        for (int i = 0; i < n; i++) {
            double sd = Math.sqrt(squares[i] / m);
            std[i] = sd > 0 ? sd : 1.0;
        }
        Standardizer st = new Standardizer(mean, std);
        Broadcast<Prepared> prepared = sc.broadcast(new Prepared(mean, std, classes, outputs));
        JavaRDD<SampleBlock> blocks = rows.mapPartitions(it -> blocksOf(it, prepared.value(), blockSize)).cache();
        blocks.count();
        rows.unpersist();
        return new SparkCsv(blocks, new ArrayList<>(classes.keySet()), st, m);
    }

    /** @return the row's cells, null for a blank line; a bad row fails with its file, line and column */
    private static String[] checked(String[] r, int width, String path, long line, String[] header) {
        if (r == null) {
            return null;
        }
        if (r.length != width) {
            throw new DataException(path + " line " + line + ": expected " + width + " columns, found " + r.length);
        }
        for (int c = 0; c < width - 1; c++) {
            if (!CsvData.isNumeric(r[c])) {
                throw new DataException(path + " line " + line + ", column " + (c + 1)
                        + (header != null ? " ('" + header[c] + "')" : "") + ": '" + r[c] + "' is not a finite number");
            }
        }
        return r;
    }

    /** @return per-column sums of {@code add} over every row, in a fixed order (so reruns give the same bits) */
    private static double[] sum(JavaRDD<String[]> rows, int width, Function2<double[], String[], double[]> add)
            throws Exception {
        return FixedOrderSum.of(rows, () -> new double[width], add, (a, b) -> {
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            return a;
        });
    }

    /** What every executor needs to turn rows into blocks (a class: Spark's Kryo cannot set a record's fields). */
    static final class Prepared implements Serializable {
        private static final long serialVersionUID = 1L;
        private final double[] mean;
        private final double[] std;
        private final java.util.HashMap<String, Integer> classes;
        private final int outputs;

        Prepared(double[] mean, double[] std, Map<String, Integer> classes, int outputs) {
            this.mean = mean;
            this.std = std;
            this.classes = new java.util.HashMap<>(classes);
            this.outputs = outputs;
        }

        double[] mean() {
            return mean;
        }

        double[] std() {
            return std;
        }

        Map<String, Integer> classes() {
            return classes;
        }

        int outputs() {
            return outputs;
        }
    }

    private static Iterator<SampleBlock> blocksOf(Iterator<String[]> rows, Prepared p, int blockSize) {
        List<SampleBlock> out = new ArrayList<>();
        List<String[]> pending = new ArrayList<>();
        while (rows.hasNext()) {
            pending.add(rows.next());
            if (pending.size() == blockSize || !rows.hasNext()) {
                out.add(block(pending, p));
                pending.clear();
            }
        }
        return out.iterator();
    }

    private static SampleBlock block(List<String[]> rows, Prepared p) {
        int n = p.mean().length;
        int b = rows.size();
        double[] x = new double[n * b];
        double[] y = new double[p.outputs() * b];
        for (int j = 0; j < b; j++) {
            String[] r = rows.get(j);
            for (int i = 0; i < n; i++) {
                x[i * b + j] = (Double.parseDouble(r[i]) - p.mean()[i]) / p.std()[i];
            }
            int k = p.classes().get(CsvData.normalizedLabel(r[n]));
            if (p.outputs() == 1) {
                y[j] = k;
            } else {
                y[k * b + j] = 1;
            }
        }
        return new SampleBlock(n, p.outputs(), b, x, y);
    }
}
