package io.github.gradgraph.nn;

/**
 * How a network with recurrent layers reads its batch: T time steps, one column per sequence. With {@code tokens},
 * X is a T × m matrix of token ids, x⟨t⟩ the one-hot of row t (an id of −1 is a zero vector: the "nothing read
 * yet" first input of a character model, and padding), and — for a softmax output — Y is T × m ids too, −1 where a
 * position is padding (it adds nothing to J). Otherwise X is (T·n_x) × m, step t in rows t·n_x … (t+1)·n_x − 1, and
 * Y likewise with the output's size.
 *
 * <p>J is the sum over the steps of the loss at each step, that loss being the mean over the m sequences as
 * everywhere else ({@code sum}: the course's; for one sequence exactly its Σ_t L⟨t⟩), or the mean over the tokens
 * that are not padding (PyTorch's {@code CrossEntropyLoss} default; for features, the mean over the steps).
 *
 * @param steps  T ≥ 1
 * @param tokens whether X (and a softmax output's Y) are token ids
 * @param sum    whether J sums the steps' losses rather than averaging them over tokens
 * @param masked whether a recurrent layer keeps its state where the target is padding, so that padding a batch
 *               changes neither J, nor the gradients, nor the last state (token ids only)
 */
public record Sequence(int steps, boolean tokens, boolean sum, boolean masked) {
    public Sequence {
        if (steps < 1) {
            throw new IllegalArgumentException("a sequence needs at least 1 step, got " + steps);
        }
        if (masked && !tokens) {
            throw new IllegalArgumentException("masking reads padding from token ids (−1); sequences of features "
                    + "are not masked");
        }
    }

    /** @return T steps of token ids, J averaged over tokens, unmasked */
    public static Sequence tokens(int steps) {
        return new Sequence(steps, true, false, false);
    }

    /** @return T steps of features, J averaged over the steps */
    public static Sequence features(int steps) {
        return new Sequence(steps, false, false, false);
    }

    /** @return this with T steps */
    public Sequence withSteps(int t) {
        return new Sequence(t, tokens, sum, masked);
    }

    /** @return this with J the sum over the steps (true) or the mean over tokens (false) */
    public Sequence summed(boolean on) {
        return new Sequence(steps, tokens, on, masked);
    }

    /** @return this with the state kept over padding (true) or not */
    public Sequence withMask(boolean on) {
        return new Sequence(steps, tokens, sum, on);
    }
}
