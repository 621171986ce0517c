package io.github.gradgraph.nn.layers;

import io.github.gradgraph.nn.Activation;

/**
 * One kind of layer of a network, as {@code --layers} writes it: its text, its shape rule, its parameters and the
 * nodes it builds. A layer holds no nodes itself: {@link #build} declares its parameters in a network's graph and
 * returns what builds its forward pass, once per {@link Mode}; the backward pass is derived from those nodes, never
 * written. A network is an input {@link Features} and a list of layers; see {@link LayerText} for the text and
 * {@link LayerKinds} for adding a kind of one's own.
 *
 * <pre>{@code
 * // a residual block A + relu(W·A + b): the output keeps the input's size
 * public record Residual() implements Layer {
 *     public String text() { return "residual"; }
 *     public Features output(Features in) { return in; }
 *     public Built build(LayerContext c) {
 *         int n = c.in().size();
 *         Node w = c.weight("Wres" + c.position(), n, n);
 *         Node b = c.bias("bres" + c.position(), n);
 *         return (in, mode) -> { Node a = in.a(); return in.then(Ops.add(a, Ops.relu(Ops.add(Ops.matmul(w, a), b))), in.features()); };
 *     }
 * }
 * }</pre>
 */
public interface Layer {
    /** @return the layer as the layer text writes it, such as {@code 16 relu}, {@code bn} or {@code dropout0.2} */
    String text();

    /**
     * The shape rule: what one sample is after this layer.
     *
     * @param in what one sample is before it
     * @throws IllegalArgumentException naming both shapes when the layer cannot take {@code in}; the network adds
     *     the layer's position and text
     */
    Features output(Features in);

    /**
     * The placement rule: whether the layer can come right after {@code previous}, whatever the shapes.
     *
     * @param previous the layer before this one, or null when this one follows the input
     * @throws IllegalArgumentException saying why not; the network adds the layer's position and text
     */
    default void checkPlace(Layer previous) {
    }

    /**
     * Declares the layer's parameters, buffers and per-step inputs in the network's graph.
     *
     * @param context where the layer sits, and how it declares what it holds
     * @return what builds the layer's nodes in each pass
     */
    Built build(LayerContext context);

    /**
     * @return whether the layer starts a new number l, as dense layers (and later convolutions and recurrent
     *     layers) do: its parameters are named W[l], b[l] and its output A[l]
     */
    default boolean numbered() {
        return false;
    }

    /**
     * @param in the activation the output layer has before this layer (null when none is known)
     * @return the activation a network's output has after this layer, for the losses that require one; a layer of
     *     one's own that computes its own output says {@link Activation#IDENTITY}
     */
    default Activation outputActivation(Activation in) {
        return Activation.IDENTITY;
    }

    /**
     * @param mode a pass's mode
     * @return whether the layer builds different nodes in that mode than in {@link Mode#CHECK} (a network builds a
     *     separate pass only when some layer does)
     */
    default boolean differsIn(Mode mode) {
        return false;
    }

    /**
     * @return whether a layer right before this one leaves out its bias, as batch normalization's β takes its place
     */
    default boolean replacesBias() {
        return false;
    }

    /**
     * @param in what one sample is before the layer
     * @return the floating-point operations of the layer's forward pass per sample, counting its products only (a
     *     multiply-add is 2); 0 for layers whose work is elementwise
     */
    default double flops(Features in) {
        return 0;
    }

    /** The nodes of a layer, built once per pass. */
    @FunctionalInterface
    interface Built {
        /**
         * @param in   the previous layer's output (or the input)
         * @param mode the pass being built
         * @return this layer's output
         */
        Signal forward(Signal in, Mode mode);
    }
}
