package io.github.gradgraph.graph.ops;

import io.github.gradgraph.graph.Node;

/**
 * Losses J(A[L], Y) as composites: built from primitives, 1×1, averaged over the samples as the textbook's J, so that
 * ∂J/∂W[l] is the textbook's dW[l] with its 1/m. None has a derivative rule of its own.
 */
public final class Losses {
    private Losses() {
    }

    /** @return mean((a − y)²) over every element */
    public static Node mse(Node a, Node y) {
        return Functions.mean(Ops.pow(Ops.sub(a, y), 2.0)).asComposite("mse");
    }

    /**
     * The textbook's binary cross-entropy on probabilities, −mean(y·ln a + (1 − y)·ln(1 − a)). It takes ln of a, so an a
     * that saturates to 0 or 1 gives an infinite loss: prefer {@link #binaryCrossEntropyWithLogits}.
     */
    public static Node binaryCrossEntropy(Node a, Node y) {
        Node pos = Ops.mul(y, Ops.log(a));
        Node neg = Ops.mul(Ops.oneMinus(y), Ops.log(Ops.oneMinus(a)));
        return Ops.neg(Functions.mean(Ops.add(pos, neg))).asComposite("binaryCrossEntropy");
    }

    /**
     * Binary cross-entropy of σ(z), from the logits z: mean(softplus(z) − y·z), finite for every z. Equal to
     * {@code binaryCrossEntropy(sigmoid(z), y)} where that is finite.
     */
    public static Node binaryCrossEntropyWithLogits(Node z, Node y) {
        return Functions.mean(Ops.sub(Ops.softplus(z), Ops.mul(y, z))).asComposite("binaryCrossEntropy");
    }

    /**
     * Softmax cross-entropy from logits z (classes × m) and one-hot labels y: −(1/m)·Σ y ⊙ logsoftmax(z), with the
     * log-softmax computed stably.
     */
    public static Node softmaxCrossEntropy(Node z, Node y) {
        Node perSample = Ops.sum(Ops.mul(y, Functions.logSoftmax(z)), 0);
        return Ops.neg(Functions.mean(perSample)).asComposite("softmaxCrossEntropy");
    }
}
