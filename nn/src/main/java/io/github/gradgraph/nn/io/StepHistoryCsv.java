package io.github.gradgraph.nn.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A history with one row per optimizer step, as a language model's training writes it: {@code step} (1-based),
 * {@code epoch} (1-based: the pass over the data the step belongs to), {@code loss} (J of the step's batch, before its
 * update), {@code tokens} (the positions J counted), {@code grad_norm} (before clipping). Full precision, atomic writes.
 */
public final class StepHistoryCsv {
    /** The header row. */
    public static final List<String> HEADER = List.of("step", "epoch", "loss", "tokens", "grad_norm");

    /** One optimizer step. */
    public record Row(long step, int epoch, double loss, int tokens, double gradNorm) {
    }

    private StepHistoryCsv() {
    }

    /** @throws CheckpointException when the file cannot be written; an existing file is left as it was */
    public static void write(Path file, List<Row> rows) {
        StringBuilder text = new StringBuilder(32 * rows.size() + 64);
        text.append(String.join(",", HEADER)).append('\n');
        for (Row r : rows) { // Double.toString: the exact doubles read back
            text.append(r.step()).append(',').append(r.epoch()).append(',').append(r.loss()).append(',')
                    .append(r.tokens()).append(',').append(r.gradNorm()).append('\n');
        }
        AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the rows of a file this class wrote
     * @throws CheckpointException naming the file and the line that is not such a row
     */
    public static List<Row> read(Path file) {
        List<Row> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            if (!p.getHeaderNames().equals(HEADER)) {
                throw new CheckpointException(file + ": not a gradgraph step history (header " + p.getHeaderNames()
                        + ", expected " + HEADER + ")");
            }
            for (CSVRecord rec : p) {
                try {
                    rows.add(new Row(Long.parseLong(rec.get(0)), Integer.parseInt(rec.get(1)),
                            Double.parseDouble(rec.get(2)), Integer.parseInt(rec.get(3)),
                            Double.parseDouble(rec.get(4))));
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new CheckpointException(file + " line " + (rec.getRecordNumber() + 1)
                            + ": not a step history row");
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CheckpointException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return rows;
    }
}
