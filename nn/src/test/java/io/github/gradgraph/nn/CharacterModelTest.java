package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.data.SequenceBatches;
import io.github.gradgraph.nn.data.TextLines;
import io.github.gradgraph.nn.data.Vocabulary;
import io.github.gradgraph.nn.optim.Optimizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A character model learns its text's statistics: trained on lines drawn from a Markov chain over a few letters (each
 * line starts, moves from letter to letter and ends with set probabilities), the lines it samples have the bigram
 * frequencies of the text — and an untrained model's are far from them, so the check can fail.
 */
class CharacterModelTest {
    /** The chain: from the start (row 0) or letter a…d (rows 1…4) to a…d or the line end (column 4). */
    private static final double[][] CHAIN = {
        {0.7, 0.1, 0.1, 0.1, 0.0},
        {0.0, 0.8, 0.0, 0.0, 0.2},
        {0.1, 0.0, 0.0, 0.9, 0.0},
        {0.0, 0.0, 0.2, 0.0, 0.8},
        {0.5, 0.0, 0.0, 0.0, 0.5},
    };

    @TempDir
    Path dir;

    private static int draw(double[] p, Random r) {
        double u = r.nextDouble();
        for (int i = 0; i < p.length; i++) {
            u -= p[i];
            if (u < 0) {
                return i;
            }
        }
        return p.length - 1;
    }

    private static String line(Random r) {
        StringBuilder b = new StringBuilder();
        int state = 0;
        while (b.length() < 30) {
            int next = draw(CHAIN[state], r);
            if (next == 4) {
                break;
            }
            b.append((char) ('a' + next));
            state = next + 1;
        }
        return b.toString();
    }

    /**
     * @return P(next | previous) counted in lines: rows the start and a…d, columns a…d and the line end; NaN in the
     *     rows of states seen fewer than {@code least} times (a sample of 1000 has a noise of about 0.015)
     */
    private static double[][] bigrams(String[] lines, int least) {
        double[][] counts = new double[5][5];
        for (String l : lines) {
            int state = 0;
            for (char c : l.toCharArray()) {
                counts[state][c - 'a']++;
                state = c - 'a' + 1;
            }
            counts[state][4]++;
        }
        for (double[] row : counts) {
            double total = java.util.Arrays.stream(row).sum();
            for (int k = 0; k < 5; k++) {
                row[k] = total >= least ? row[k] / total : Double.NaN; // states seen too rarely are left out
            }
        }
        return counts;
    }

    /** @return the largest difference between two bigram tables where both are well counted */
    private static double distance(double[][] a, double[][] b) {
        double worst = 0;
        for (int s = 0; s < 5; s++) {
            for (int k = 0; k < 5; k++) {
                if (!Double.isNaN(a[s][k]) && !Double.isNaN(b[s][k])) {
                    worst = Math.max(worst, Math.abs(a[s][k] - b[s][k]));
                }
            }
        }
        return worst;
    }

    private static String[] sample(NetworkSpec spec, ParameterStore params, Vocabulary vocab, int count) {
        Sampler sampler = new Sampler(spec, params, DType.F64);
        Random r = new Random(11);
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = vocab.decode(sampler.draw(r, 1.0, new int[0], vocab.newline(), 30));
        }
        return out;
    }

    @Test
    void sampledLines_followTheTextsBigramFrequencies() throws IOException {
        Random r = new Random(5);
        StringBuilder text = new StringBuilder();
        String[] drawn = new String[600];
        for (int i = 0; i < drawn.length; i++) {
            drawn[i] = line(r);
            text.append(drawn[i]).append('\n');
        }
        double[][] target = bigrams(drawn, 200);
        Path file = Files.writeString(dir.resolve("chain.txt"), text);
        TextLines lines = TextLines.read(file);
        Vocabulary vocab = lines.vocabulary();
        NetworkSpec spec = NetworkSpec.parse(vocab.size() + ", gru16, " + vocab.size() + " softmax", Activation.TANH,
                null, LossKind.SOFTMAX_CROSS_ENTROPY, 0);
        ParameterStore params = Initializer.XAVIER.initialize(new Network(spec, Sequence.tokens(1)),
                new ParameterStore(), 1);
        double untrained = distance(target, bigrams(sample(spec, params, vocab, 8000), 1000));
        SequenceTrainer trainer = new SequenceTrainer(spec, Sequence.tokens(1).withMask(true),
                Optimizers.create("adam", 0.02), DType.F64);
        SequenceBatches batches = SequenceBatches.shuffled(lines, 20, 3);
        for (long step = 0; step < 40 * batches.stepsPerEpoch(); step++) {
            io.github.gradgraph.nn.data.SequenceBatch b = batches.batch(step);
            trainer.train(params, b.x(), b.y());
        }
        double trained = distance(target, bigrams(sample(spec, params, vocab, 8000), 1000));
        System.out.println("bigram distance: trained " + trained + ", untrained " + untrained);
        assertTrue(untrained > 0.25, "an untrained model is far from the chain: " + untrained);
        assertTrue(trained < 0.08, "the trained model's bigrams are the text's within 0.08: " + trained
                + " (untrained " + untrained + ")");
    }
}
