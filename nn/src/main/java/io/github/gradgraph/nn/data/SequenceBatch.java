package io.github.gradgraph.nn.data;

import org.ejml.data.DMatrixRMaj;

/**
 * A batch of examples as token ids, one column per example and one row per time step: X and Y are T × m, T the
 * longest example's length + 1, column j example j's {@link FramedExample} inputs and targets. A shorter example is
 * padded at its end with {@link Vocabulary#NO_TOKEN} (−1) in both X and Y: a zero input and no target, so it adds
 * nothing to a loss summed over the targets that are there.
 *
 * @param x T × m input ids (x⟨1⟩ = −1 for every example)
 * @param y T × m target ids
 */
public record SequenceBatch(DMatrixRMaj x, DMatrixRMaj y) {
    public SequenceBatch {
        if (x.numRows != y.numRows || x.numCols != y.numCols) {
            throw new IllegalArgumentException("X is " + x.numRows + "×" + x.numCols + " but Y is " + y.numRows
                    + "×" + y.numCols);
        }
    }

    /**
     * @param text     the examples
     * @param examples the indices of the batch's examples, column j example {@code examples[j]} (Not modified.)
     */
    public static SequenceBatch of(TextLines text, int... examples) {
        SequenceBatch b = new SequenceBatch(new DMatrixRMaj(1, 1), new DMatrixRMaj(1, 1));
        fill(text, examples, 0, examples.length, b.x, b.y);
        return b;
    }

    /**
     * Writes the batch of {@code examples[from…from+m−1]} into x and y without allocating when their arrays are large
     * enough (EJML's reshape only grows them).
     *
     * @param examples example indices (Not modified.)
     * @param x        reshaped to T × m and filled with the input ids (Modified.)
     * @param y        reshaped to T × m and filled with the target ids (Modified.)
     */
    public static void fill(TextLines text, int[] examples, int from, int m, DMatrixRMaj x, DMatrixRMaj y) {
        if (m < 1 || from < 0 || from + m > examples.length) {
            throw new IllegalArgumentException("examples " + from + ".." + (from + m - 1) + " of " + examples.length);
        }
        int steps = 0;
        for (int j = 0; j < m; j++) {
            steps = Math.max(steps, text.length(examples[from + j]) + 1);
        }
        x.reshape(steps, m);
        y.reshape(steps, m);
        java.util.Arrays.fill(x.data, 0, steps * m, Vocabulary.NO_TOKEN);
        java.util.Arrays.fill(y.data, 0, steps * m, Vocabulary.NO_TOKEN);
        int newline = text.vocabulary().newline();
        for (int j = 0; j < m; j++) {
            int e = examples[from + j];
            int n = text.length(e);
            for (int k = 0; k < n; k++) {
                int id = text.id(e, k);
                x.data[(k + 1) * m + j] = id;
                y.data[k * m + j] = id;
            }
            y.data[n * m + j] = newline;
        }
    }

    /** @return T, the number of time steps */
    public int steps() {
        return x.numRows;
    }

    /** @return m, the number of examples */
    public int size() {
        return x.numCols;
    }

    /** @return the number of predicted tokens: the positions of Y that are not −1 */
    public int tokens() {
        return tokens(y);
    }

    /** @return the number of entries of {@code y} that are not {@link Vocabulary#NO_TOKEN} (Not modified.) */
    public static int tokens(DMatrixRMaj y) {
        int n = 0;
        for (int i = 0, size = y.getNumElements(); i < size; i++) {
            n += y.data[i] != Vocabulary.NO_TOKEN ? 1 : 0;
        }
        return n;
    }
}
