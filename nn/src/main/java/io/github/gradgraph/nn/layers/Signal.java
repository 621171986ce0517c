package io.github.gradgraph.nn.layers;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.nn.Activation;

/**
 * What flows from one layer to the next while a pass is built: either A[l] itself, or a pre-activation (Z[l], or
 * its normalized Z̃[l]) with the activation g[l] still to apply. Keeping the activation pending is what lets batch
 * normalization sit between Z[l] and g[l], as in the classic course, while {@code bn} is written after its layer:
 * {@code 16 relu, bn} is Z[1] = W[1]·A[0], Z̃[1] = γ[1] ⊙ Ẑ[1] + β[1], A[1] = relu(Z̃[1]). The first layer that
 * needs A[l] ({@link #a()}) applies g[l] and names the result {@code A<l>}.
 */
public final class Signal {
    private final Node node;
    private final Activation pending;
    private final int index;
    private final Features features;
    private final Recorder recorder;
    private final Node logits;
    private Node settled;

    private Signal(Node node, Activation pending, int index, Features features, Recorder recorder, Node logits) {
        this.node = node;
        this.pending = pending;
        this.index = index;
        this.features = features;
        this.recorder = recorder;
        this.logits = logits;
    }

    /** @return the network's input X = A[0] */
    public static Signal input(Node x, Features features, Recorder recorder) {
        return new Signal(x, null, 0, features, recorder, null);
    }

    /** @return l, the number of the last numbered layer (0 at the input) */
    public int index() {
        return index;
    }

    /** @return what one sample is here */
    public Features features() {
        return features;
    }

    /** @return the activation still to apply, or null when this is A[l] itself */
    public Activation pending() {
        return pending;
    }

    /** @return the pre-activation whose activation is pending; null when there is none */
    public Node preActivation() {
        return pending == null ? null : node;
    }

    /** @return the last pre-activation on the way here (what a loss reads as Z[L]), or null */
    public Node logits() {
        return pending != null ? node : logits;
    }

    /** @return A[l]: the pending activation applied and named {@code A<l>}, once; or the node itself */
    public Node a() {
        if (pending == null) {
            return node;
        }
        if (settled == null) {
            settled = pending.apply(node).named("A" + index);
            recorder.a(index, settled);
        }
        return settled;
    }

    /** @return g[l] applied to the pending pre-activation, unnamed (for a layer that changes A before naming it) */
    public Node activated() {
        return pending == null ? node : pending.apply(node);
    }

    /**
     * @param z       the pre-activation of a new numbered layer, already named {@code Z<l>}
     * @param l       the layer's number
     * @param g       its activation
     * @param out     what one sample is after it
     * @return the signal carrying Z[l] with g[l] pending
     */
    public Signal numbered(Node z, int l, Activation g, Features out) {
        return new Signal(z, g, l, out, recorder, null);
    }

    /** @return this signal with its pre-activation replaced (normalized), the same activation still pending */
    public Signal replacingPreActivation(Node z) {
        if (pending == null) {
            throw new IllegalStateException("no pre-activation is pending");
        }
        return new Signal(z, pending, index, features, recorder, null);
    }

    /** @return A[l] given as {@code a} (named {@code A<l>} here), nothing pending */
    public Signal settledAs(Node a) {
        Node named = a.named("A" + index);
        recorder.a(index, named);
        return new Signal(named, null, index, features, recorder, logits());
    }

    /**
     * @param out      the new output, as the next layer reads it
     * @param features what one sample is after it
     * @return a signal of a layer that changes A without a number of its own (pooling, a residual block)
     */
    public Signal then(Node out, Features features) {
        return new Signal(out, null, index, features, recorder, null);
    }

    /** @return the recorder of the pass being built */
    public Recorder recorder() {
        return recorder;
    }
}
