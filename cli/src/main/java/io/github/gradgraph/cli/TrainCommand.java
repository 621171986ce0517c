package io.github.gradgraph.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.nn.Metrics;
import io.github.gradgraph.nn.Predictor;
import io.github.gradgraph.nn.Trainer;
import io.github.gradgraph.nn.TrainingHistory;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.Safetensors;
import io.github.gradgraph.nn.optim.Optimizers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradgraph train}: check the derived gradients of the initial network, train it, report train and test
 * accuracy, and write loss.png, boundary.png (2-D data) and model.safetensors.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the seed's deep network; every gradient is derived by the engine. Writes loss.png, "
                + "boundary.png (2-D data) and model.safetensors to --out.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Option(names = "--optimizer", defaultValue = "adam",
            description = "gd, momentum, rmsprop or adam. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.01", description = "Learning rate α > 0. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--epochs", defaultValue = "1000", description = "Passes over the training set. "
            + "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Samples per step; the last batch may be "
            + "smaller. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--out", defaultValue = "out", description = "Folder for the pictures and the model. "
            + "Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--no-gradcheck", description = "Skip the gradient check before training.")
    boolean noGradcheck;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

    @Option(names = "--json", description = "End stdout with one JSON object of the results.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
        }
        OutputPaths.requireWritableFolder("--out", out); // before any work: a run is never lost at its end
        Experiment e = new Experiment(network);
        Trainer trainer = new Trainer(e.network, Optimizers.create(optimizer, lr));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("gradgraph train: " + e.describe() + "; " + optimizer + " lr " + lr + ", " + epochs
                + " epochs, batch " + batchSize + ", seed " + network.seed);
        stdout.println(BackendInfo.line());
        GradCheckReport check = null;
        if (!noGradcheck) {
            check = InitialCheck.run(e, 1e-6);
            stdout.println("Gradient check of the initial network (derived dW, db against central differences):");
            stdout.print(check.table());
            if (!check.passed()) {
                spec.commandLine().getErr().println("gradgraph: warning: the gradient check failed; training anyway");
            }
        }
        stdout.flush();
        TrainingHistory history;
        try (Progress progress = new Progress(epochs, !noProgress)) {
            history = trainer.fit(e.params, e.train, epochs, batchSize, network.seed, progress::update);
        }
        Predictor predictor = new Predictor(e.network);
        double trainAcc = Metrics.accuracy(predictor.predict(e.params, e.train.x()), e.train.labels());
        Double testAcc = e.test == null ? null
                : Metrics.accuracy(predictor.predict(e.params, e.test.x()), e.test.labels());
        Files.createDirectories(out);
        Path model = out.resolve("model.safetensors");
        Safetensors.save(new Checkpoint(e.network.spec(), e.params, e.standardizer, e.train.classNames()), model);
        Plots.lossCurve(history.losses(), out.resolve("loss.png"));
        boolean twoD = e.train.features() == 2;
        if (twoD) {
            Plots.boundary(predictor, e.params, e.train, e.standardizer.mean(), e.standardizer.std(),
                    out.resolve("boundary.png"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        stdout.printf(Locale.ROOT, "final loss %.6f, train accuracy %.4f, test accuracy %s (%.1f s)%n",
                history.finalLoss(), trainAcc, testAcc == null ? "n/a" : String.format(Locale.ROOT, "%.4f", testAcc),
                seconds);
        stdout.println("wrote " + out.resolve("loss.png") + (twoD ? ", " + out.resolve("boundary.png") : "") + ", "
                + model);
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("dataset", e.train.name());
            ArrayNode layers = o.putArray("layers");
            for (int n : e.network.spec().layers()) {
                layers.add(n);
            }
            o.put("epochs", epochs);
            o.put("final_loss", history.finalLoss());
            o.put("train_accuracy", trainAcc);
            if (testAcc == null) {
                o.putNull("test_accuracy");
            } else {
                o.put("test_accuracy", testAcc);
            }
            if (check == null) {
                o.putNull("gradcheck_max_relative_difference");
                o.putNull("gradcheck_passed");
            } else {
                o.put("gradcheck_max_relative_difference", check.maxRelativeDifference());
                o.put("gradcheck_passed", check.passed());
            }
            o.put("seconds", seconds);
            o.put("backend", io.github.gradgraph.core.MatMul.backend().name());
            o.put("model", model.toString());
            stdout.println(o);
        }
        stdout.flush();
        return 0;
    }
}
