package io.github.gradgraph.cli;

import io.github.gradgraph.nn.Metrics;
import io.github.gradgraph.nn.Predictor;
import io.github.gradgraph.nn.data.CsvData;
import io.github.gradgraph.nn.data.DataException;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.Safetensors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradgraph predict}: a saved model's predictions for the rows of a CSV file, as CSV on stdout. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a saved model: one CSV row per input row, the class probabilities and the "
                + "predicted class.")
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "A model.safetensors written by train.")
    Path model;

    @Option(names = "--data", required = true, description = "A CSV file of features, one row per sample.")
    Path data;

    @Option(names = "--label-column", paramLabel = "NAME|INDEX",
            description = "A label column to ignore, when the file has one.")
    String labelColumn;

    @Override
    public Integer call() throws IOException {
        Checkpoint c = Safetensors.load(model);
        DMatrixRMaj x;
        try {
            x = CsvData.loadFeatures(data, labelColumn);
        } catch (DataException e) {
            throw labelColumn != null || !e.getMessage().contains("is not a finite number") ? e
                    : new DataException(e.getMessage() + "; if that column holds labels, name it with --label-column");
        }
        int n0 = c.spec().size(0);
        if (x.numRows != n0) {
            throw new IllegalArgumentException(data + " has " + x.numRows + " feature columns but the model takes "
                    + n0 + (labelColumn == null ? " (name a label column to ignore with --label-column)" : ""));
        }
        if (c.standardizer() != null) {
            x = c.standardizer().apply(x);
        }
        DMatrixRMaj out = new Predictor(c.network()).predict(c.params(), x);
        PrintWriter w = spec.commandLine().getOut();
        List<String> header = new ArrayList<>();
        if (out.numRows == 1) {
            header.add("probability");
        } else {
            for (int k = 0; k < out.numRows; k++) {
                header.add("p_" + (k < c.classNames().size() ? c.classNames().get(k) : Integer.toString(k)));
            }
        }
        header.add("predicted");
        try (CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(
                new String[0])).get())) {
            for (int j = 0; j < out.numCols; j++) {
                List<Object> row = new ArrayList<>();
                for (int k = 0; k < out.numRows; k++) {
                    row.add(out.get(k, j));
                }
                int cls = Metrics.predictedClass(out, j);
                row.add(cls < c.classNames().size() ? c.classNames().get(cls) : Integer.toString(cls));
                printer.printRecord(row);
            }
        }
        w.flush();
        return 0;
    }
}
