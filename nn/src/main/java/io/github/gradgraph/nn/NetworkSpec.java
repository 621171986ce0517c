package io.github.gradgraph.nn;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a network is: the layer dimensions [n[0], n[1], …, n[L]] (n[0] the input features), the activation of the
 * hidden layers and of the output layer, the loss, the L2 strength λ (0 for none), and on the hidden layers batch
 * normalization and dropout.
 *
 * @param layers     every dimension including the input size; at least two, each ≥ 1
 * @param hidden     g[l] for l &lt; L
 * @param output     g[L]
 * @param loss       J
 * @param l2         λ ≥ 0 in λ/(2m)·Σ‖W[l]‖²
 * @param batchNorm  whether every hidden layer normalizes Z[l] over the batch (see {@link Network})
 * @param dropout    P in [0, 1): the probability of dropping each hidden unit in training (inverted dropout), 0 for
 *                   none
 */
public record NetworkSpec(int[] layers, Activation hidden, Activation output, LossKind loss, double l2,
        boolean batchNorm, double dropout) {
    public NetworkSpec {
        Objects.requireNonNull(layers, "layers");
        Objects.requireNonNull(hidden, "hidden activation");
        Objects.requireNonNull(output, "output activation");
        Objects.requireNonNull(loss, "loss");
        layers = layers.clone();
        if (layers.length < 2) {
            throw new IllegalArgumentException("layers need at least an input and an output size, got "
                    + Arrays.toString(layers));
        }
        for (int n : layers) {
            if (n < 1) {
                throw new IllegalArgumentException("every layer size must be at least 1, got " + Arrays.toString(layers));
            }
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("the L2 strength must be a finite number ≥ 0, got " + l2);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("the dropout probability must be at least 0 and below 1, got "
                    + dropout);
        }
        if ((batchNorm || dropout > 0) && layers.length < 3) {
            throw new IllegalArgumentException((batchNorm ? "batch normalization" : "dropout") + " applies to hidden "
                    + "layers, and layers " + Arrays.toString(layers) + " have none");
        }
        loss.checkOutput(output);
        if (output == Activation.SOFTMAX && layers[layers.length - 1] < 2) {
            throw new IllegalArgumentException("a softmax output needs at least 2 units, got "
                    + layers[layers.length - 1]);
        }
    }

    /** A network without batch normalization or dropout. */
    public NetworkSpec(int[] layers, Activation hidden, Activation output, LossKind loss, double l2) {
        this(layers, hidden, output, loss, l2, false, 0);
    }

    /** @return this network with batch normalization on its hidden layers, or without */
    public NetworkSpec withBatchNorm(boolean on) {
        return new NetworkSpec(layers, hidden, output, loss, l2, on, dropout);
    }

    /** @return this network with dropout of probability P on its hidden layers (0 for none) */
    public NetworkSpec withDropout(double p) {
        return new NetworkSpec(layers, hidden, output, loss, l2, batchNorm, p);
    }

    /** @return whether layer l (1..L) is batch-normalized: every hidden layer when batch norm is on */
    public boolean normalizes(int l) {
        return batchNorm && l < depth();
    }

    /** The defaults of {@code gradgraph train}: [2, 8, 4, 1], tanh hidden layers, sigmoid output, bce, no L2. */
    public static NetworkSpec defaults() {
        return new NetworkSpec(new int[] {2, 8, 4, 1}, Activation.TANH, Activation.SIGMOID, LossKind.BCE, 0.0);
    }

    /**
     * The usual pairing for unspecified choices: a sigmoid output for one unit and softmax for several; bce for a
     * sigmoid output, softmax cross-entropy for softmax, mse otherwise.
     *
     * @param output the output activation, or null for the default
     * @param loss   the loss, or null for the default
     */
    public static NetworkSpec withDefaults(int[] layers, Activation hidden, Activation output, LossKind loss,
            double l2) {
        Activation out = output != null ? output
                : layers[layers.length - 1] == 1 ? Activation.SIGMOID : Activation.SOFTMAX;
        LossKind j = loss != null ? loss : out == Activation.SIGMOID ? LossKind.BCE
                : out == Activation.SOFTMAX ? LossKind.SOFTMAX_CROSS_ENTROPY : LossKind.MSE;
        return new NetworkSpec(layers, hidden, out, j, l2);
    }

    /**
     * @param m the batch size
     * @return the floating-point operations of one training step's matrix products: W·A forward, dZ·Aᵀ and Wᵀ·dZ
     *     backward (no dA[0]), 2 per multiply-add
     */
    public double stepFlops(int m) {
        double f = 0;
        for (int l = 1; l < layers.length; l++) {
            f += 2.0 * layers[l] * layers[l - 1] * m * (l == 1 ? 2 : 3);
        }
        return f;
    }

    @Override
    public int[] layers() {
        return layers.clone();
    }

    /** @return L, the number of layers with weights */
    public int depth() {
        return layers.length - 1;
    }

    /** @return n[l] */
    public int size(int l) {
        return layers[l];
    }

    /** @return the activation of layer l (1..L) */
    public Activation activation(int l) {
        return l == depth() ? output : hidden;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSpec && Arrays.equals(((NetworkSpec) o).layers, layers)
                && ((NetworkSpec) o).hidden == hidden && ((NetworkSpec) o).output == output
                && ((NetworkSpec) o).loss == loss && Double.compare(((NetworkSpec) o).l2, l2) == 0
                && ((NetworkSpec) o).batchNorm == batchNorm && Double.compare(((NetworkSpec) o).dropout, dropout) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(layers), hidden, output, loss, l2, batchNorm, dropout);
    }

    @Override
    public String toString() {
        return "layers " + Arrays.toString(layers) + ", " + hidden + " hidden, " + output + " output, loss " + loss
                + (l2 > 0 ? ", l2 " + l2 : "") + (batchNorm ? ", batch norm" : "")
                + (dropout > 0 ? ", dropout " + dropout : "");
    }
}
