package io.github.gradgraph.nn.io;

import io.github.gradgraph.nn.EpochStats;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A training run's history as CSV, one row per epoch: {@code epoch} (1-based), {@code loss} (the mean batch J, each
 * before its update), {@code train_accuracy}, {@code test_accuracy} (empty without a test set), {@code seconds},
 * {@code test_loss} (J on the test set after the epoch; empty without one), {@code lr} (the learning rate the epoch
 * used), {@code grad_norm} (the mean over its steps of the global gradient norm, before clipping),
 * {@code validation_loss} and {@code validation_accuracy} (empty without a validation set). Files written before the
 * last four columns existed are read too. Values are written in full precision ({@link Double#toString}), so pandas or numpy
 * read back the exact doubles. Writes are atomic.
 */
public final class HistoryCsv {
    /** The header row. */
    public static final List<String> HEADER = List.of("epoch", "loss", "train_accuracy", "test_accuracy", "seconds",
            "test_loss", "lr", "grad_norm", "validation_loss", "validation_accuracy");
    /** The header of histories from before the learning rate, gradient norm and validation columns. */
    private static final List<String> FIRST_HEADER = HEADER.subList(0, 6);

    private HistoryCsv() {
    }

    /** @throws CheckpointException when the file cannot be written; an existing file is left as it was */
    public static void write(Path file, List<EpochStats> epochs) {
        StringWriter text = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                .setHeader(HEADER.toArray(new String[0])).get())) {
            for (EpochStats e : epochs) {
                p.printRecord(e.epoch(), e.loss(), e.trainAccuracy(), e.hasTest() ? e.testAccuracy() : "",
                        e.seconds(), e.hasTest() ? e.testLoss() : "", cell(e.lr()), cell(e.gradNorm()),
                        e.hasValidation() ? e.validationLoss() : "", e.hasValidation() ? e.validationAccuracy() : "");
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string failed", e);
        }
        AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the epochs of a history file this class wrote
     * @throws CheckpointException naming the file and line that is not such a row
     */
    public static List<EpochStats> read(Path file) {
        List<EpochStats> epochs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            boolean full = p.getHeaderNames().equals(HEADER);
            if (!full && !p.getHeaderNames().equals(FIRST_HEADER)) {
                throw new CheckpointException(file + ": not a gradgraph history (header " + p.getHeaderNames() + ")");
            }
            for (CSVRecord rec : p) {
                try {
                    epochs.add(new EpochStats(Integer.parseInt(rec.get(0)), Double.parseDouble(rec.get(1)),
                            Double.parseDouble(rec.get(2)), number(rec.get(5)), number(rec.get(3)),
                            Double.parseDouble(rec.get(4)), full ? number(rec.get(6)) : Double.NaN,
                            full ? number(rec.get(7)) : Double.NaN, full ? number(rec.get(8)) : Double.NaN,
                            full ? number(rec.get(9)) : Double.NaN));
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new CheckpointException(file + " line " + rec.getRecordNumber() + ": not a history row");
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CheckpointException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return epochs;
    }

    private static Object cell(double value) {
        return Double.isNaN(value) ? "" : value;
    }

    private static double number(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }
}
