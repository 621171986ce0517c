package io.github.gradgraph.cli;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.Sampler;
import io.github.gradgraph.nn.data.Vocabulary;
import java.io.PrintWriter;
import java.util.Random;

/** Lines drawn from a language model while it trains, printed as the course prints its names. */
final class LmSamples {
    /** The most characters drawn for one line, as the course's sampling stops at 50. */
    static final int MAX_LENGTH = 50;

    private final Sampler sampler;
    private final Vocabulary vocab;
    private final Random random;

    LmSamples(NetworkSpec spec, ParameterStore store, Vocabulary vocab, DType dtype, long seed) {
        this.sampler = new Sampler(spec, store, dtype);
        this.vocab = vocab;
        this.random = new Random(seed);
    }

    /** Prints {@code count} lines, each drawn from the parameters as they are now. */
    void print(PrintWriter out, int count) {
        for (int i = 0; i < count; i++) {
            out.println(vocab.decode(sampler.draw(random, 1.0, new int[0], vocab.newline(), MAX_LENGTH)));
        }
    }

    /**
     * @return where the smoothed loss starts: a uniform guess's loss, −ln(1/V) — for each of 7 characters when J sums
     *     a line's steps, as the course's get_initial_loss starts its names' loss
     */
    static double initialLoss(int vocab, boolean summed) {
        return -Math.log(1.0 / vocab) * (summed ? 7 : 1);
    }
}
