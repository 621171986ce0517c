package io.github.gradgraph.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.Sequence;
import io.github.gradgraph.nn.SequenceTrainer;
import io.github.gradgraph.nn.data.SequenceBatch;
import io.github.gradgraph.nn.data.SequenceBatches;
import io.github.gradgraph.nn.data.TextLines;
import io.github.gradgraph.nn.data.Vocabulary;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.InitialParameters;
import io.github.gradgraph.nn.io.Safetensors;
import io.github.gradgraph.nn.io.StepHistoryCsv;
import io.github.gradgraph.nn.io.TrainingState;
import io.github.gradgraph.nn.optim.Optimizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradgraph lm}: a character-level language model trained on a text file, one example per line, as the
 * classic course trains its dinosaur-name model: each example reads a zero vector, then its characters, and predicts
 * its characters, then the line end. Writes model.safetensors (vocabulary inside; resumable) and history.csv (one
 * row per optimizer step) to --out, and prints sampled lines as it goes.
 */
@Command(name = "lm", mixinStandardHelpOptions = true,
        description = "Train a character-level language model on a UTF-8 text file, one example per line (the "
                + "vocabulary: the file's characters and the line end). Every gradient, through time, is derived by "
                + "the engine. Writes model.safetensors and history.csv (one row per step) to --out.")
public final class LmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE", description = "The text: UTF-8, one example per line.")
    Path data;

    @Option(names = "--layers", paramLabel = "LAYERS", description = "The hidden layers: rnnN, lstmN, gruN (and "
            + "dense sizes), comma-separated, such as rnn50 or 'lstm128, lstm128'. The vocabulary is the input "
            + "(one-hot) and the output (softmax) at every step.")
    String layers;

    @Option(names = "--batch-size", paramLabel = "N", description = "Lines per step, padded to the longest (padding "
            + "changes nothing). Default: 32.")
    Integer batchSize;

    @Option(names = "--no-shuffle", description = "Take the lines in the file's order (step j reads line j mod N "
            + "with batches of 1, as the course does). Default: a new order every epoch.")
    boolean noShuffle;

    @Option(names = "--stateful", description = "Start each step from the last state of the step before (truncated "
            + "backpropagation through time, as the course and min-char-rnn). Default: from zeros.")
    boolean stateful;

    @Option(names = "--loss-sum", description = "J sums the loss over each line's steps (the course's), averaged "
            + "over the lines of a batch. Default: the mean over every character predicted (PyTorch's).")
    boolean lossSum;

    @Option(names = "--optimizer", description = "sgd (gd), momentum, rmsprop or adam. Default: adam.")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate α > 0. Default: 0.01.")
    Double lr;

    @Option(names = "--clip-value", paramLabel = "C", description = "Clip every gradient element into [−C, C] "
            + "before the update (the course's np.clip, PyTorch's clip_grad_value_). Default: none.")
    Double clipValue;

    @Option(names = "--clip-norm", paramLabel = "C", description = "Clip the gradients' global L2 norm at C "
            + "(PyTorch's clip_grad_norm_), after --clip-value. Default: none.")
    Double clipNorm;

    @Option(names = "--init-from", paramLabel = "FILE", description = "Start from these weights (safetensors or "
            + ".npz), named as the course names them: Wax, Waa, b, Wya, by for one rnn layer; Wf, bf, Wi, bi, Wc, "
            + "bc, Wo, bo, Wy, by for one lstm; numbered (Wax1, …) when stacked.")
    Path initFrom;

    @Option(names = "--init", paramLabel = "NAME", description = "How the weights start: xavier, he or small. "
            + "Default: xavier.")
    String init;

    @Option(names = "--seed", description = "Seed of the starting weights, the shuffle and the samples. Default: 1.")
    Long seed;

    @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps to take (when resuming: how many "
            + "more). Default: one epoch, unless --epochs is given.")
    Long steps;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the lines (instead of --steps).")
    Integer epochs;

    @Option(names = "--sample-every", paramLabel = "K", defaultValue = "2000", description = "Print sampled lines "
            + "after step 1 and every K steps (0: never). Default: ${DEFAULT-VALUE}.")
    long sampleEvery;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "7", description = "Lines sampled each time. "
            + "Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--out", defaultValue = "out", description = "Folder for the model and history. Default: "
            + "${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--save-every", paramLabel = "K", defaultValue = "0", description = "Also write the checkpoint "
            + "and history every K steps, atomically. Default: only at the end.")
    long saveEvery;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "Continue a run from its model.safetensors: "
            + "parameters, optimizer state, step count, order and carried state.")
    Path resume;

    @Option(names = "--dtype", paramLabel = "f32|f64", description = "What the steps compute in. Default: f64.")
    String dtype;

    @Option(names = "--save-dtype", paramLabel = "f32|f64", description = "What model.safetensors stores. Default: "
            + "f64.")
    String saveDtype;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

    @Option(names = "--json", description = "End stdout with one JSON object of the results.")
    boolean json;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        LmSettings s = LmSettings.of(this);
        OutputPaths.requireWritableFolder("--out", out); // before any work: a run is never lost at its end
        TextLines lines = TextLines.read(s.data);
        Vocabulary vocab = lines.vocabulary();
        if (s.resumed != null) {
            Vocabulary saved = LanguageModels.vocabulary(s.resumed, resume.toString());
            if (!saved.equals(vocab)) {
                throw new IllegalArgumentException("--data " + s.data + " has another vocabulary ("
                        + vocab.size() + " characters) than the resumed model's (" + saved.size() + ")");
            }
        }
        NetworkSpec net = s.resumed != null ? s.resumed.spec() : LanguageModels.spec(layers, vocab.size());
        int batch = Math.min(s.batchSize, lines.size());
        Sequence shape = Sequence.tokens(1).summed(s.lossSum).withMask(batch > 1);
        Optimizer opt = Optimizers.create(s.optimizer, s.lr);
        SequenceTrainer trainer = new SequenceTrainer(net, shape, opt, s.dtype);
        trainer.setStateful(s.stateful);
        trainer.setClipValue(s.clipValue);
        trainer.setClipNorm(s.clipNorm);
        ParameterStore store = start(s, trainer.network(1));
        long done = 0;
        if (s.resumed != null) {
            opt.restore(s.resumed.training().optimizer());
            done = Long.parseLong(s.resumed.training().settings().getOrDefault("steps", "0"));
            if (s.stateful) {
                trainer.carry(LmSettings.carried(s.resumed.training().settings(), trainer.network(1)));
            }
        }
        SequenceBatches batches = s.noShuffle ? SequenceBatches.inFileOrder(lines, batch)
                : SequenceBatches.shuffled(lines, batch, s.seed);
        long todo = steps != null ? steps : (epochs != null ? epochs : 1) * batches.stepsPerEpoch();
        if (todo < 1) {
            throw new IllegalArgumentException("--" + (steps != null ? "steps" : "epochs") + " must be at least 1");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("gradgraph lm: " + s.data + " (" + lines.size() + " lines, " + vocab.size() + " characters), "
                + "layers " + LanguageModels.hiddenLayers(net) + "; " + s.optimizer + " lr " + s.lr + ", batch "
                + batch + ", " + todo + " steps" + (done > 0 ? " after " + done + " (resumed from " + resume + ")"
                : "") + (s.stateful ? ", stateful" : "") + (s.lossSum ? ", loss summed over steps" : "")
                + (s.clipValue > 0 ? ", clip value " + s.clipValue : "") + (s.clipNorm > 0 ? ", clip norm "
                + s.clipNorm : "") + (s.dtype == DType.F32 ? ", computing in float32" : "") + ", seed " + s.seed);
        stdout.flush();
        Path model = out.resolve("model.safetensors");
        Path history = out.resolve("history.csv");
        List<StepHistoryCsv.Row> rows = new ArrayList<>(earlier(history, done));
        LmSamples sampler = new LmSamples(net, store, vocab, s.dtype, s.seed);
        double smoothed = LmSamples.initialLoss(vocab.size(), s.lossSum);
        double last = Double.NaN;
        try (Progress progress = new Progress("lm", todo, " steps", !noProgress)) {
            for (long j = done; j < done + todo; j++) {
                SequenceBatch b = batches.batch(j);
                last = trainer.train(store, b.x(), b.y());
                smoothed = 0.999 * smoothed + 0.001 * last;
                rows.add(new StepHistoryCsv.Row(j + 1, (int) (j / batches.stepsPerEpoch()) + 1, last, b.tokens(),
                        trainer.lastGradNorm()));
                progress.update(j - done + 1, String.format(Locale.ROOT, "loss %.4f", smoothed));
                if (sampleEvery > 0 && j % sampleEvery == 0) {
                    stdout.printf(Locale.ROOT, "step %d, loss %.6f (smoothed %.6f):%n", j + 1, last, smoothed);
                    sampler.print(stdout, samples);
                    stdout.flush();
                }
                if (saveEvery > 0 && (j + 1) % saveEvery == 0) {
                    save(s, net, store, vocab, opt, trainer, j + 1, batch, model, history, rows);
                }
            }
        }
        save(s, net, store, vocab, opt, trainer, done + todo, batch, model, history, rows);
        double seconds = (System.nanoTime() - start) / 1e9;
        stdout.printf(Locale.ROOT, "final loss %.6f (smoothed %.6f) after %d steps (%.1f s)%n", last, smoothed,
                done + todo, seconds);
        stdout.println("wrote " + model + ", " + history);
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("data", s.data.toString());
            o.put("lines", lines.size());
            o.put("vocabulary", vocab.size());
            o.put("network", net.text());
            o.put("steps", done + todo);
            o.put("final_loss", last);
            o.put("smoothed_loss", smoothed);
            o.put("seconds", seconds);
            o.put("dtype", s.dtype.label());
            o.put("model", model.toString());
            o.put("history", history.toString());
            stdout.println(o);
        }
        stdout.flush();
        return 0;
    }

    private ParameterStore start(LmSettings s, Network net) {
        if (s.resumed != null) {
            return s.resumed.params();
        }
        if (initFrom != null) {
            return InitialParameters.load(initFrom, net);
        }
        Initializer how = init == null ? Initializer.XAVIER : Initializer.parse(init);
        return how.initialize(net, new ParameterStore(), s.seed);
    }

    private void save(LmSettings s, NetworkSpec net, ParameterStore store, Vocabulary vocab, Optimizer opt,
            SequenceTrainer trainer, long stepsDone, int batch, Path model, Path history,
            List<StepHistoryCsv.Row> rows) {
        Map<String, String> settings = new LinkedHashMap<>(s.settings());
        settings.put("kind", LanguageModels.KIND);
        settings.put("steps", Long.toString(stepsDone));
        settings.putAll(LmSettings.carriedText(trainer.carried()));
        TrainingState state = new TrainingState((int) Math.min(Integer.MAX_VALUE, stepsDone), s.seed, batch, s.lr,
                opt.state(), settings);
        Safetensors.save(LanguageModels.checkpoint(net, store, vocab, state, s.dtype), model, s.saveDtype);
        StepHistoryCsv.write(history, rows);
    }

    /** @return the rows of an existing history up to the resumed step, so that the file keeps the whole run */
    private List<StepHistoryCsv.Row> earlier(Path history, long done) {
        if (done == 0 || !Files.exists(history)) {
            return List.of();
        }
        try {
            return StepHistoryCsv.read(history).stream().filter(r -> r.step() <= done).toList();
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("gradgraph: warning: " + e.getMessage() + "; history.csv starts "
                    + "again at step " + (done + 1));
            return List.of();
        }
    }
}
