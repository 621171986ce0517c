package io.github.gradgraph.cli;

import io.github.gradgraph.core.DType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.nn.Metrics;
import io.github.gradgraph.nn.Predictor;
import io.github.gradgraph.nn.data.DataException;
import io.github.gradgraph.nn.data.DataFiles;
import io.github.gradgraph.nn.data.DataSource;
import io.github.gradgraph.nn.data.Images;
import io.github.gradgraph.nn.layers.Features;
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

/**
 * {@code gradgraph predict}: a saved model's predictions for the samples of a CSV, numpy, HDF5 or IDX file, or for one
 * picture, as CSV (or JSON) on stdout. The model's own preprocessing (scale, standardization) is applied.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a saved model: per sample, the class probabilities and the predicted class. "
                + "Reads CSV, numpy .npy/.npz, HDF5 .h5/.hdf5 and IDX (first axis the sample), or one picture "
                + "(.png, .jpg, .bmp, .gif) of the model's input size; applies the model's scale and "
                + "standardization.")
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "A model.safetensors written by train.")
    Path model;

    @Option(names = "--data", required = true, description = "The samples' features: a CSV file (one row per "
            + "sample), a .npy or IDX array, the --x-key array of a .npz or HDF5 file, or a picture (.png, .jpg, "
            + ".bmp, .gif) of the model's input size: grey (luma) for one channel, RGB for three, values 0-255 "
            + "before the model's scale.")
    Path data;

    @Option(names = "--label-column", paramLabel = "NAME|INDEX",
            description = "CSV: a label column to ignore, when the file has one.")
    String labelColumn;

    @Option(names = "--x-key", paramLabel = "NAME", description = ".npz and HDF5: the features array. Default: X.")
    String xKey;

    @Option(names = "--dtype", paramLabel = "f32|f64", description = "What the forward pass computes in. Default: "
            + "what the model was trained in.")
    String dtype;

    @Option(names = "--json", description = "Print one JSON object: the probabilities and classes of every sample.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        DType asked = DTypeOption.parse("--dtype", dtype, null);
        Checkpoint c = Safetensors.load(model);
        DType computeIn = asked != null ? asked : c.dtype();
        DataSource.Format format = DataSource.formatOf(data);
        if (labelColumn != null && format != DataSource.Format.CSV) {
            throw new IllegalArgumentException("--label-column applies to CSV files; " + data + " is not one");
        }
        if (xKey != null && format != DataSource.Format.NPZ && format != DataSource.Format.HDF5) {
            throw new IllegalArgumentException("--x-key applies to .npz and HDF5 files; " + data + " is neither");
        }
        DMatrixRMaj x;
        try {
            x = Images.isImageName(data.getFileName().toString()) ? picture(c.spec().input())
                    : DataFiles.loadFeatures(new DataSource(data, labelColumn, null, xKey, null));
        } catch (DataException e) {
            throw labelColumn != null || format != DataSource.Format.CSV
                    || !e.getMessage().contains("is not a finite number") ? e
                    : new DataException(e.getMessage() + "; if that column holds labels, name it with --label-column");
        }
        if (c.spec().recurrent()) {
            throw new IllegalArgumentException(model + " is a sequence model (layers '" + c.spec().text() + "'); "
                    + "draw from a language model with gradgraph sample");
        }
        int n0 = c.spec().size(0);
        if (x.numRows != n0) {
            throw new IllegalArgumentException(data + " has " + x.numRows + " features per sample but the model "
                    + "takes " + n0 + (labelColumn == null && format == DataSource.Format.CSV
                    ? " (name a label column to ignore with --label-column)" : format == DataSource.Format.NPY
                    && x.numRows == n0 + 1 ? " (predict reads features only; drop the label column from the array)"
                    : ""));
        }
        DMatrixRMaj out = new Predictor(c.network(), computeIn).predict(c.params(), c.preprocessing().apply(x));
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            w.println(json(c, out));
        } else {
            csv(c, out, w);
        }
        w.flush();
        return 0;
    }

    /** @return the picture as the model's input takes it: its image size, or grey or RGB for a vector input */
    private DMatrixRMaj picture(Features input) {
        return input.image() ? Images.read(data, input.height(), input.width(), input.channels())
                : Images.readAs(data, input.size());
    }

    private static String className(Checkpoint c, int k) {
        return k < c.classNames().size() ? c.classNames().get(k) : Integer.toString(k);
    }

    private static ObjectNode json(Checkpoint c, DMatrixRMaj out) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        ArrayNode classes = o.putArray("classes");
        for (int k = 0; k < Math.max(2, out.numRows); k++) {
            classes.add(className(c, k));
        }
        ArrayNode probabilities = o.putArray("probabilities");
        ArrayNode predicted = o.putArray("predicted");
        for (int j = 0; j < out.numCols; j++) {
            ArrayNode p = probabilities.addArray();
            if (out.numRows == 1) {
                p.add(1 - out.get(0, j)).add(out.get(0, j)); // P(class 0), P(class 1)
            } else {
                for (int k = 0; k < out.numRows; k++) {
                    p.add(out.get(k, j));
                }
            }
            predicted.add(className(c, Metrics.predictedClass(out, j)));
        }
        return o;
    }

    private static void csv(Checkpoint c, DMatrixRMaj out, PrintWriter w) throws IOException {
        List<String> header = new ArrayList<>();
        if (out.numRows == 1) {
            header.add("probability");
        } else {
            for (int k = 0; k < out.numRows; k++) {
                header.add("p_" + className(c, k));
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
                row.add(className(c, Metrics.predictedClass(out, j)));
                printer.printRecord(row);
            }
        }
    }
}
