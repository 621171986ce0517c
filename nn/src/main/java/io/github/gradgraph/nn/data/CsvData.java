package io.github.gradgraph.nn.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads samples from a CSV file, one row per sample. The first row is a header when any of its cells is not a number.
 * The label column is named or given as a 0-based index; by default it is the last column. Every other column is a
 * numeric feature. Labels may be numbers or words; distinct labels become classes 0, 1, … in sorted order.
 */
public final class CsvData {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true).setCommentMarker('#').get();

    private CsvData() {
    }

    /**
     * Loads labelled samples.
     *
     * @param file        the CSV file
     * @param labelColumn a header name or 0-based index; null for the last column
     * @throws DataException naming the file, line and column of the first problem
     */
    public static Dataset load(Path file, String labelColumn) {
        Table t = read(file);
        int label = t.column(labelColumn == null ? Integer.toString(t.width - 1) : labelColumn);
        DMatrixRMaj x = t.features(label);
        List<String> raw = new ArrayList<>();
        for (String[] row : t.rows) {
            raw.add(row[label]);
        }
        Map<String, Integer> classes = classesOf(raw);
        int[] labels = new int[raw.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classes.get(normalize(raw.get(i)));
        }
        return new Dataset(file.getFileName().toString(), x, labels, new ArrayList<>(classes.keySet()));
    }

    /**
     * Loads features only, for prediction.
     *
     * @param file        the CSV file
     * @param labelColumn a column to drop (name or 0-based index), or null when the file holds only features
     * @return n×m features
     */
    public static DMatrixRMaj loadFeatures(Path file, String labelColumn) {
        Table t = read(file);
        return t.features(labelColumn == null ? -1 : t.column(labelColumn));
    }

    /**
     * The class index of each label, as {@link #load} assigns them: distinct labels in sorted order (numerically when
     * every label is a number), so that readers of parts of a file (such as Spark's executors) agree on them.
     *
     * @param rawLabels every label as written, repeats allowed
     * @return normalized label → class index
     */
    public static Map<String, Integer> classIndex(java.util.Collection<String> rawLabels) {
        return classesOf(new ArrayList<>(rawLabels));
    }

    /** @return a label as {@link #classIndex} keys it (1.0 and 1 are the same class) */
    public static String normalizedLabel(String raw) {
        return normalize(raw.strip());
    }

    /**
     * @return the cells of one CSV line as {@link #load} reads them, or null for a blank or comment line
     * @throws DataException when the line is not CSV
     */
    public static String[] cells(String line) {
        try (CSVParser p = CSVParser.parse(line, FORMAT)) {
            List<CSVRecord> records = p.getRecords();
            if (records.isEmpty()) {
                return null;
            }
            CSVRecord r = records.get(0);
            String[] out = new String[r.size()];
            for (int c = 0; c < out.length; c++) {
                out[c] = r.get(c);
            }
            return out;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataException("not a CSV line: " + line);
        }
    }

    /** @return whether a cell is a finite number */
    public static boolean isNumeric(String cell) {
        return isNumber(cell);
    }

    private static Map<String, Integer> classesOf(List<String> raw) {
        boolean numeric = raw.stream().allMatch(CsvData::isNumber);
        TreeMap<String, Integer> sorted = numeric
                ? new TreeMap<>((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)))
                : new TreeMap<>();
        for (String r : raw) {
            sorted.put(normalize(r), 0);
        }
        int k = 0;
        for (Map.Entry<String, Integer> e : sorted.entrySet()) {
            e.setValue(k++);
        }
        return sorted;
    }

    private static String normalize(String label) {
        if (isNumber(label)) {
            double v = Double.parseDouble(label);
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        return label;
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Table read(Path file) {
        List<CSVRecord> records;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            records = parser.getRecords();
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataException(file + ": cannot be read as CSV: " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new DataException(file + " is empty");
        }
        CSVRecord first = records.get(0);
        boolean header = false;
        for (String cell : first) {
            header |= !isNumber(cell);
        }
        String[] names = new String[first.size()];
        for (int c = 0; c < names.length; c++) {
            names[c] = header ? first.get(c) : "column " + c;
        }
        Table t = new Table(file, names, header);
        for (CSVRecord r : header ? records.subList(1, records.size()) : records) {
            if (r.size() != names.length) {
                throw new DataException(file + " line " + r.getRecordNumber() + ": expected " + names.length
                        + " columns, found " + r.size());
            }
            String[] row = new String[r.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = r.get(c);
            }
            t.rows.add(row);
            t.lines.add(r.getRecordNumber());
        }
        if (t.rows.isEmpty()) {
            throw new DataException(file + " has a header but no data rows");
        }
        return t;
    }

    /**
     * @param file   for the message
     * @param header the header's names, or null when the file has none
     * @param width  the columns
     * @param spec   a header name or a 0-based index
     * @return the 0-based column {@code spec} names
     * @throws DataException naming the file and its columns when there is no such column
     */
    public static int column(String file, String[] header, int width, String spec) {
        for (int c = 0; header != null && c < width; c++) {
            if (header[c].equals(spec)) {
                return c;
            }
        }
        try {
            int c = Integer.parseInt(spec.trim());
            if (c >= 0 && c < width) {
                return c;
            }
        } catch (NumberFormatException e) {
            // not an index either: reported below
        }
        throw new DataException(file + ": no label column '" + spec + "' (columns: "
                + (header != null ? String.join(", ", header) : "0.." + (width - 1)) + ")");
    }

    /** The cells of a CSV file with their line numbers. */
    private static final class Table {
        final Path file;
        final String[] names;
        final boolean header;
        final int width;
        final List<String[]> rows = new ArrayList<>();
        final List<Long> lines = new ArrayList<>();

        Table(Path file, String[] names, boolean header) {
            this.file = file;
            this.names = names;
            this.header = header;
            this.width = names.length;
        }

        int column(String spec) {
            return CsvData.column(file.toString(), header ? names : null, width, spec);
        }

        DMatrixRMaj features(int skip) {
            int n = skip < 0 ? width : width - 1;
            if (n < 1) {
                throw new DataException(file + ": no feature columns besides the label");
            }
            DMatrixRMaj x = new DMatrixRMaj(n, rows.size());
            for (int j = 0; j < rows.size(); j++) {
                String[] row = rows.get(j);
                for (int c = 0, i = 0; c < width; c++) {
                    if (c == skip) {
                        continue;
                    }
                    double v;
                    try {
                        v = Double.parseDouble(row[c]);
                    } catch (NumberFormatException e) {
                        v = Double.NaN;
                    }
                    if (!Double.isFinite(v)) {
                        throw new DataException(file + " line " + lines.get(j) + ", column " + (c + 1)
                                + (header ? " ('" + names[c] + "')" : "") + ": '" + row[c] + "' is not a finite number");
                    }
                    x.set(i++, j, v);
                }
            }
            return x;
        }
    }
}
