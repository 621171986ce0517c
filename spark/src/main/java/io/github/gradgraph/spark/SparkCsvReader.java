package io.github.gradgraph.spark;

import io.github.gradgraph.nn.data.CsvData;
import io.github.gradgraph.nn.data.DataException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * A CSV file parsed by the executors, each partition of its lines where it lies, as {@link CsvData#load} reads it on
 * one machine: the first line is a header when any of its cells is not a number; the label is the last column or the
 * one named; blank lines are no samples; classes sorted as one machine sorts them. A bad cell fails the job with its
 * file, line and column.
 */
final class SparkCsvReader {
    private SparkCsvReader() {
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
    static SparkSamples read(JavaSparkContext sc, String path, String labelColumn, int partitions) {
        try {
            return parse(sc, path, labelColumn, partitions);
        } catch (Exception e) {
            throw TaskFailures.unwrap(e);
        }
    }

    private static SparkSamples parse(JavaSparkContext sc, String path, String labelColumn, int partitions)
            throws Exception {
        JavaRDD<String> lines = sc.textFile(path, partitions);
        String first;
        try {
            first = lines.first();
        } catch (UnsupportedOperationException e) {
            throw new DataException(path + " is empty");
        } catch (Exception e) {
            if (e.getClass().getSimpleName().equals("InvalidInputException")) { // Hadoop's: no such path
                throw new DataException(path + ": no such file, as the cluster sees it (" + e.getMessage() + ")", e);
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
        JavaRDD<SampleRow> rows = lines.zipWithIndex()
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
        return new SparkSamples(sc, path, rows, names, classes, rows.count());
    }

    /** @return the sample; a bad row fails with its file, line and column */
    private static SampleRow row(String[] cells, long index, long line, int width, int label, String path,
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
        return new SampleRow(index, x, cells[label]);
    }

}
