package io.github.gradgraph.nn;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Losses;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The built-in losses J(A[L], Y), each the mean over the m samples and built from graph ops (see {@link Losses}):
 * nowhere a hand-derived dA[L]. Cross-entropies are computed from the logits Z[L], which is exact and finite even
 * where σ or softmax saturate.
 */
public enum LossKind implements LossFunction {
    /** Binary cross-entropy; needs a sigmoid output. */
    BCE("bce"),
    /** Softmax cross-entropy with one-hot labels; needs a softmax output. */
    SOFTMAX_CROSS_ENTROPY("softmax-cross-entropy"),
    /** Mean squared error over every output element. */
    MSE("mse");

    private final String cliName;

    LossKind(String cliName) {
        this.cliName = cliName;
    }

    /** @return the name used on the command line and in checkpoints */
    public String cliName() {
        return cliName;
    }

    /**
     * @throws IllegalArgumentException when this loss does not fit the output activation
     */
    public void checkOutput(Activation output) {
        if (this == BCE && output != Activation.SIGMOID) {
            throw new IllegalArgumentException("loss bce needs a sigmoid output activation, not " + output);
        }
        if (this == SOFTMAX_CROSS_ENTROPY && output != Activation.SOFTMAX) {
            throw new IllegalArgumentException("loss softmax-cross-entropy needs a softmax output activation, not "
                    + output);
        }
    }

    /**
     * @param logits Z[L]
     * @param output A[L] = g[L](Z[L])
     * @param y      the labels, of A[L]'s shape
     * @return J, 1×1
     */
    @Override
    public Node build(Node logits, Node output, Node y) {
        switch (this) {
            case BCE: return Losses.binaryCrossEntropyWithLogits(logits, y);
            case SOFTMAX_CROSS_ENTROPY: return Losses.softmaxCrossEntropy(logits, y);
            default: return Losses.mse(output, y);
        }
    }

    /** @return the loss of that command-line name; the error names the choices */
    public static LossKind parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (LossKind k : values()) {
            if (k.cliName.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + name + "'; choose one of "
                + Arrays.stream(values()).map(LossKind::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
