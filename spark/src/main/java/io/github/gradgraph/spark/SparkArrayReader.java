package io.github.gradgraph.spark;

import io.github.gradgraph.nn.data.ArrayLabels;
import io.github.gradgraph.nn.data.ArrayRows;
import io.github.gradgraph.nn.data.DataException;
import io.github.gradgraph.nn.data.DataFiles;
import io.github.gradgraph.nn.data.DataSource;
import io.github.gradgraph.nn.data.NumericArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A {@code .npy}, {@code .npz} or HDF5 file read by the executors: the driver reads only the features array's header
 * and the labels (one number per sample), cuts the samples into consecutive ranges, and each task reads its range
 * ({@link ArrayRows}) in chunks. Samples, labels and their checks are those of {@code DataFiles.load} on one machine:
 * the first axis is the sample, the rest flattened in C order; labels are class indices or one-hot rows — for a single
 * {@code .npy}, its last column.
 */
final class SparkArrayReader {
    /** Samples a task reads at once: a bound on its memory beyond the cached rows. */
    private static final int CHUNK = 4096;

    private SparkArrayReader() {
    }

    static SparkSamples read(JavaSparkContext sc, DataSource s, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("the partitions must be at least 1, got " + partitions);
        }
        int[] shape = ArrayRows.shape(s);
        int m = shape.length == 0 ? 0 : shape[0];
        int perSample = 1;
        for (int a = 1; a < shape.length; a++) {
            perSample *= shape[a];
        }
        boolean lastColumn = s.format() == DataSource.Format.NPY && s.labels() == null;
        if (lastColumn && (shape.length != 2 || shape[1] < 2)) {
            throw new DataException(s.file() + " has shape " + NumericArray.shapeText(shape) + "; a single .npy file "
                    + "must be (samples, features + 1) with the label last, or give the labels in a second .npy file");
        }
        int features = lastColumn ? perSample - 1 : perSample;
        if (m == 0 || features == 0) {
            throw new DataException(s.file() + " has shape " + NumericArray.shapeText(shape) + ": no samples or no "
                    + "features");
        }
        List<String> classNames;
        Broadcast<int[]> labels = null;
        if (lastColumn) {
            classNames = null; // found below, on the executors
        } else {
            NumericArray y = DataFiles.labels(s);
            if (y.samples() != m) {
                throw new DataException(s.file() + (s.xKey() == null ? "" : " array '" + s.xKey() + "'") + " has " + m
                        + " samples (shape " + NumericArray.shapeText(shape) + ") but " + y.source() + " has "
                        + y.samples() + " labels (shape " + y.shapeText() + ")");
            }
            ArrayLabels l = ArrayLabels.of(y);
            classNames = l.classNames();
            labels = sc.broadcast(l.labels());
        }
        List<int[]> ranges = new ArrayList<>();
        int parts = Math.min(partitions, m);
        for (int p = 0; p < parts; p++) {
            int start = (int) ((long) m * p / parts);
            ranges.add(new int[] {start, (int) ((long) m * (p + 1) / parts) - start});
        }
        String file = s.file().toString();
        String key = s.xKey();
        String source = s.format() == DataSource.Format.NPY ? file : file + " array '" + key + "'";
        Broadcast<int[]> given = labels;
        JavaRDD<SampleRow> rows = sc.parallelize(ranges, parts).flatMap(r -> readRange(new DataSource(Path.of(file), null,
                null, key, null), source, r[0], r[1], features, lastColumn, given == null ? null : given.value())
                .iterator()).cache();
        try {
            if (lastColumn) {
                int largest = rows.map(r -> Integer.parseInt(r.label)).fold(1, Math::max);
                classNames = new ArrayList<>();
                for (int k = 0; k <= largest; k++) {
                    classNames.add(Integer.toString(k));
                }
            } else {
                rows.count();
            }
        } catch (Exception e) {
            throw TaskFailures.unwrap(e);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < features; i++) {
            names.add("feature " + i);
        }
        return new SparkSamples(sc, file, rows, names, classNames, m);
    }

    /** @return samples {@code start} … of the file, read in chunks, checked as one machine checks them */
    private static List<SampleRow> readRange(DataSource s, String source, int start, int count, int features,
            boolean lastColumn, int[] labels) {
        List<SampleRow> out = new ArrayList<>(count);
        for (int first = start; first < start + count; first += CHUNK) {
            int n = Math.min(CHUNK, start + count - first);
            double[] v = ArrayRows.read(s, first, n).values();
            int per = v.length / n;
            for (int j = 0; j < n; j++) {
                int sample = first + j;
                double[] x = new double[features];
                System.arraycopy(v, j * per, x, 0, features);
                for (int i = 0; i < features; i++) {
                    if (!Double.isFinite(x[i])) {
                        throw new DataException(source + ": sample " + sample + ", feature " + i + " is " + x[i]
                                + "; values must be finite");
                    }
                }
                String label;
                if (lastColumn) {
                    label = Integer.toString(ArrayLabels.classIndex(source + " (last column)", sample,
                            v[j * per + features]));
                } else {
                    label = Integer.toString(labels[sample]);
                }
                out.add(new SampleRow(sample, x, label));
            }
        }
        return out;
    }
}
