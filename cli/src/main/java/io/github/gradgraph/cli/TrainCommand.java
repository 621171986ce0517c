package io.github.gradgraph.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.nn.EpochStats;
import io.github.gradgraph.nn.Trainer;
import io.github.gradgraph.nn.TrainingHistory;
import io.github.gradgraph.nn.TrainingPlan;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.HistoryCsv;
import io.github.gradgraph.nn.io.Safetensors;
import io.github.gradgraph.nn.io.TrainingState;
import io.github.gradgraph.nn.optim.Optimizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradgraph train}: check the derived gradients of the starting network, train it, report train and test
 * accuracy, and write model.safetensors (resumable), history.csv, loss.png and boundary.png (2-D data).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a deep network (Z[l] = W[l]·A[l-1] + b[l], A[l] = g(Z[l])); every gradient is derived "
                + "by the engine. Writes model.safetensors, history.csv, loss.png and boundary.png (2-D data) to "
                + "--out.")
public final class TrainCommand implements Callable<Integer> {
    /** Entries of each parameter the check before training compares; gradcheck compares them all. */
    static final int CHECKED_ENTRIES = 50;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Mixin
    RegimenOptions regimen = new RegimenOptions();

    @Option(names = "--optimizer", description = "gd, momentum, rmsprop or adam. Default: adam.")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate α > 0. Default: 0.01.")
    Double lr;

    @Option(names = "--epochs", defaultValue = "1000", description = "Passes over the training set (when resuming: "
            + "how many more). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N|all", description = "Samples per step (the last batch may be "
            + "smaller), or all: one full-batch step per epoch over all m samples, unshuffled. Default: 64.")
    String batchSize;

    @Option(names = "--out", defaultValue = "out", description = "Folder for the model, history and pictures. "
            + "Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--save-every", paramLabel = "K", defaultValue = "0", description = "Also write the checkpoint "
            + "(and history.csv) every K epochs, atomically. Default: only at the end.")
    int saveEvery;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "Continue a run from its model.safetensors: "
            + "parameters, optimizer state, epoch count and shuffle; the network and data options come from it.")
    Path resume;

    @Option(names = "--master", paramLabel = "URL", description = "Train on Apache Spark: local[N] (this machine, N "
            + "threads) or spark://host:port (a standalone cluster). A CSV --data is read by the cluster's workers; "
            + "other data are loaded here and sent once. ./gradgraph adds Spark when this is given.")
    String master;

    @Option(names = "--partitions", paramLabel = "N", description = "With --master: split the data into at least N "
            + "partitions. Default: the cluster's default parallelism.")
    Integer partitions;

    @Option(names = "--dtype", paramLabel = "f32|f64", description = "What the training step computes in: f64, or f32 "
            + "(float32: about twice as fast on large layers, half the memory; parameters and optimizer state stay "
            + "float64, and the gradient check always runs in float64). Default: f64, or the resumed run's.")
    String dtype;

    @Option(names = "--save-dtype", paramLabel = "f32|f64", description = "What model.safetensors stores its tensors "
            + "in: f64, or f32 (half the size; a run resumed from it continues from the rounded values). Default: "
            + "f64.")
    String saveDtype;

    @Option(names = "--no-gradcheck", description = "Skip the gradient check before training.")
    boolean noGradcheck;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

    @Option(names = "--json", description = "End stdout with one JSON object of the results.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        boolean onCluster = master != null || System.getProperty("spark.master") != null; // set by spark-submit
        if (partitions != null && !onCluster) {
            throw new IllegalArgumentException("--partitions applies to training on a cluster; give --master too");
        }
        if (!onCluster) {
            return train(null);
        }
        try (ClusterRun cluster = ClusterRun.open(master)) {
            return train(cluster);
        }
    }

    /** @param cluster where to train, or null for this machine */
    private int train(ClusterRun cluster) throws IOException {
        long start = System.nanoTime();
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (saveEvery < 0) {
            throw new IllegalArgumentException("--save-every must be 0 (only at the end) or more, got " + saveEvery);
        }
        DType storage = DTypeOption.parse("--save-dtype", saveDtype, DType.F64);
        DType compute = DTypeOption.parse("--dtype", dtype, DType.F64);
        OutputPaths.requireWritableFolder("--out", out); // before any work: a run is never lost at its end
        TrainingState resumed = null;
        Checkpoint from = null;
        if (resume != null) {
            from = Safetensors.load(resume);
            compute = DTypeOption.parse("--dtype", dtype, from.dtype()); // may change: the weights are float64
            resumed = Resume.state(from, resume.toString());
            Resume.same("--optimizer", optimizer, resumed.optimizer().optimizer(), optimizer == null ? null
                    : Optimizers.create(optimizer, 1).name());
        }
        String optimizerName = optimizer != null ? optimizer : resumed != null ? resumed.optimizer().optimizer()
                : "adam";
        double rate = lr != null ? lr : resumed != null ? resumed.lr() : 0.01;
        int batch = batchSize != null ? parseBatch(batchSize) : resumed != null ? resumed.batchSize() : 64;
        Optimizer opt = Optimizers.create(optimizerName, rate);
        regimen.fill(resumed);
        regimen.check(rate);
        if (cluster != null && regimen.clipValue != null) {
            throw new IllegalArgumentException("--clip-value is not available on a cluster yet; --clip-norm is");
        }
        if (cluster != null && regimen.validationFraction != null) {
            throw new IllegalArgumentException("--validation-fraction is not available on a cluster; there "
                    + "--early-stopping monitors the test set");
        }
        Experiment e = cluster == null ? new Experiment(data, network, from, regimen.validationFraction)
                : cluster.experiment(data, network, from, partitions, batch);
        TrainingPlan plan = regimen.apply(new TrainingPlan(epochs, batch, e.seed, resumed != null
                ? resumed.epochs() : 0), e.testSize > 0);
        regimen.save(e.settings, plan);
        int done = 0;
        if (resumed != null) {
            opt.restore(resumed.optimizer());
            done = resumed.epochs();
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("gradgraph train: " + e.describe() + "; " + optimizerName + " lr " + rate + ", " + epochs
                + " epochs" + (resumed != null ? " after " + done + " (resumed from " + resume + ")" : "")
                + ", batch " + (batch == TrainingPlan.FULL_BATCH ? "all" : Integer.toString(batch)) + ", seed "
                + e.seed + regimen.describe() + (compute == DType.F32 ? ", computing in "
                + DTypeOption.describe(compute) : ""));
        stdout.println(BackendInfo.line());
        if (cluster != null) {
            stdout.println("Training on " + cluster.describe() + (e.train.size() < e.trainSize ? "; the gradient "
                    + "check and pictures use the first " + e.train.size() + " training samples" : ""));
        }
        GradCheckReport check = null;
        if (!noGradcheck) {
            check = InitialCheck.run(e, 1e-6, CHECKED_ENTRIES);
            stdout.println("Gradient check of the " + (resumed != null ? "resumed" : "initial") + " network "
                    + "(derived dW, db against central differences" + (compute == DType.F32 ? ", in float64" : "")
                    + "; up to " + CHECKED_ENTRIES + " random entries of each):");
            stdout.print(check.table());
            if (!check.passed()) {
                spec.commandLine().getErr().println("gradgraph: warning: the gradient check failed; training anyway");
            }
        }
        stdout.flush();
        Files.createDirectories(out);
        Path model = out.resolve("model.safetensors");
        Path historyFile = out.resolve("history.csv");
        // A new run replaces the files of an earlier one in --out; say so once, unless it continues that very run.
        boolean replacing = Stream.of("model.safetensors", "history.csv", "loss.png", "boundary.png")
                .anyMatch(f -> Files.exists(out.resolve(f))) && !(resume != null && Files.exists(model)
                && Files.isSameFile(resume, model));
        List<EpochStats> history = new ArrayList<>(earlierEpochs(historyFile, done));
        int first = done;
        DType computeIn = compute;
        TrainingHistory result;
        try (Progress progress = new Progress(epochs, !noProgress)) {
            Trainer.Listener listener = stats -> {
                history.add(stats);
                progress.update(stats.epoch() - first, stats.loss(), stats.trainAccuracy());
                if (saveEvery > 0 && stats.epoch() % saveEvery == 0) {
                    save(e, opt, stats.epoch(), batch, rate, computeIn, storage, model, historyFile, history);
                }
            };
            if (cluster == null) {
                Trainer trainer = new Trainer(e.network, opt, compute);
                trainer.setClipValue(regimen.clipValue == null ? 0 : regimen.clipValue);
                result = trainer.fit(e.params, e.train, e.validation, e.test, plan, listener);
            } else {
                result = cluster.fit(e, opt, plan, listener, compute);
            }
        }
        EpochStats last = history.get(history.size() - 1);
        if (plan.patience() > 0) {
            int best = result.bestEpoch();
            last = history.stream().filter(h -> h.epoch() == best).findFirst().orElse(last);
            stdout.println((result.stoppedEarly() ? "Stopped early after epoch " + result.stoppedEpoch()
                    + " (no improvement for " + plan.patience() + " epochs); kept" : "Kept") + " the parameters of "
                    + "epoch " + best + ", the lowest " + (e.validation != null ? "validation" : "test") + " loss");
        }
        save(e, opt, last.epoch(), batch, rate, compute, storage, model, historyFile, history);
        // The model and history are on disk; a picture that cannot be drawn is reported, not fatal to them.
        List<String> written = new ArrayList<>(List.of(model.toString(), historyFile.toString()));
        List<String> plotErrors = new ArrayList<>();
        Path lossPng = out.resolve("loss.png");
        picture(lossPng, () -> Plots.lossCurve(history, lossPng), written, plotErrors);
        Path boundaryPng = out.resolve("boundary.png");
        if (e.train.features() == 2) {
            picture(boundaryPng, () -> Plots.boundary(e.network, e.params, e.train, e.preprocessing, boundaryPng),
                    written, plotErrors);
        } else {
            Files.deleteIfExists(boundaryPng); // an earlier run's, which would pass for this one's
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        stdout.printf(Locale.ROOT, "final loss %.6f, train accuracy %.4f, test accuracy %s (%.1f s)%n",
                last.loss(), last.trainAccuracy(), last.hasTest() ? String.format(Locale.ROOT, "%.4f",
                        last.testAccuracy()) : "n/a", seconds);
        stdout.println("wrote " + String.join(", ", written) + (replacing ? " (replacing an earlier run's files)"
                : ""));
        for (String error : plotErrors) {
            spec.commandLine().getErr().println("gradgraph: error: " + error + "; the model and history were written");
        }
        if (json) {
            ObjectNode o = json(e, last, check, seconds, model, historyFile);
            plotErrors.forEach(o.putArray("plot_errors")::add);
            o.put("dtype", compute.label());
            o.put("save_dtype", storage.label());
            if (plan.patience() > 0) {
                o.put("best_epoch", result.bestEpoch());
                if (result.stoppedEarly()) {
                    o.put("stopped_epoch", result.stoppedEpoch());
                } else {
                    o.putNull("stopped_epoch");
                }
            }
            stdout.println(o);
        }
        stdout.flush();
        return plotErrors.isEmpty() ? 0 : Main.FAILED;
    }

    private static void picture(Path file, Plots.Drawing drawing, List<String> written, List<String> errors) {
        String error = Plots.draw(file, drawing);
        if (error == null) {
            written.add(file.toString());
        } else {
            errors.add(error);
        }
    }

    private static void save(Experiment e, Optimizer opt, int epoch, int batch, double rate, DType compute,
            DType storage, Path model, Path historyFile, List<EpochStats> history) {
        TrainingState state = new TrainingState(epoch, e.seed, batch, rate, opt.state(), e.settings);
        Safetensors.save(new Checkpoint(e.network.spec(), e.params, e.preprocessing, e.train.classNames(), state,
                compute), model, storage);
        HistoryCsv.write(historyFile, history);
    }

    /** @return the rows of an existing history up to the resumed epoch, so that the file keeps the whole run */
    private List<EpochStats> earlierEpochs(Path historyFile, int done) {
        if (done == 0 || !Files.exists(historyFile)) {
            return List.of();
        }
        try {
            return HistoryCsv.read(historyFile).stream().filter(s -> s.epoch() <= done).toList();
        } catch (RuntimeException ex) {
            spec.commandLine().getErr().println("gradgraph: warning: " + ex.getMessage() + "; history.csv starts "
                    + "again at epoch " + (done + 1));
            return List.of();
        }
    }

    static int parseBatch(String text) {
        if (text.trim().equalsIgnoreCase("all")) {
            return TrainingPlan.FULL_BATCH;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ex) {
            // reported below
        }
        throw new IllegalArgumentException("--batch-size must be a whole number ≥ 1 or all, got '" + text + "'");
    }

    private ObjectNode json(Experiment e, EpochStats last, GradCheckReport check, double seconds, Path model,
            Path historyFile) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("dataset", e.train.name());
        ArrayNode layers = o.putArray("layers");
        for (int n : e.network.spec().sizes()) {
            layers.add(n);
        }
        o.put("network", e.network.spec().text());
        o.put("train_size", e.trainSize);
        o.put("test_size", e.testSize);
        o.put("epochs", last.epoch());
        o.put("final_loss", last.loss());
        o.put("train_accuracy", last.trainAccuracy());
        if (last.hasTest()) {
            o.put("test_accuracy", last.testAccuracy());
            o.put("test_loss", last.testLoss());
        } else {
            o.putNull("test_accuracy");
            o.putNull("test_loss");
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
        o.put("history", historyFile.toString());
        return o;
    }
}
