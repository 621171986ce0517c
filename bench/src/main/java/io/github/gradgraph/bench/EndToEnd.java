package io.github.gradgraph.bench;

import io.github.gradgraph.core.MatMul;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.Trainer;
import io.github.gradgraph.nn.TrainingHistory;
import io.github.gradgraph.nn.data.CsvData;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.optim.GradientDescent;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * The classic course's image-classifier run, end to end: a [12288, 20, 7, 5, 1] relu/sigmoid network trained full
 * batch on 209 samples for 2,500 gradient-descent iterations (α = 0.0075), from a CSV of pixel-like features, with
 * wall times for loading and training. {@code bench/e2e_numpy.py} runs the same with numpy on the same file.
 * Usage: {@code java -cp bench/target/benchmarks.jar io.github.gradgraph.bench.EndToEnd [iterations] [file.csv]};
 * the file is written first when missing (deterministic, 209 rows of 12,288 values in [0, 1] and a 0/1 label).
 */
public final class EndToEnd {
    static final int[] LAYERS = {12288, 20, 7, 5, 1};
    static final int SAMPLES = 209;

    private EndToEnd() {
    }

    public static void main(String[] args) throws IOException {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2500;
        Path file = Path.of(args.length > 1 ? args[1] : "bench/target/cat-like.csv");
        if (!Files.exists(file)) {
            write(file);
        }
        long t0 = System.nanoTime();
        Dataset data = CsvData.load(file, null);
        long t1 = System.nanoTime();
        Network net = new Network(new NetworkSpec(LAYERS, Activation.RELU, Activation.SIGMOID, LossKind.BCE, 0));
        ParameterStore store = Initializer.HE.initialize(net, new ParameterStore(), 1);
        TrainingHistory h = new Trainer(net, new GradientDescent(0.0075)).fit(store, data, iterations, SAMPLES, 1,
                null);
        long t2 = System.nanoTime();
        double load = (t1 - t0) / 1e9;
        double train = (t2 - t1) / 1e9;
        System.out.printf(Locale.ROOT, "gradgraph: %d iterations, cost %.6f → %.6f; load %.2f s, train %.2f s "
                + "(%.0f µs per iteration), total %.2f s; %s%n", iterations, h.losses()[0], h.finalLoss(), load, train,
                train * 1e6 / iterations, load + train, MatMul.backend().name());
    }

    static void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Random r = new Random(209);
        try (Writer w = Files.newBufferedWriter(file)) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < SAMPLES; i++) {
                row.setLength(0);
                int label = r.nextInt(2);
                for (int f = 0; f < LAYERS[0]; f++) {
                    // a faint class signal in the first pixels, so that training has something to learn
                    int pixel = Math.min(255, r.nextInt(256) + (f < 64 ? 60 * label : 0));
                    row.append(String.format(Locale.ROOT, "%.6f", pixel / 255.0)).append(',');
                }
                row.append(label).append('\n');
                w.write(row.toString());
            }
        }
    }
}
