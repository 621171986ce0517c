package io.github.gradgraph.nn.layers;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a layer is built, and how it declares what it holds: trained parameters (weights drawn by the network's
 * {@link io.github.gradgraph.nn.Initializer}, biases and scales started at a constant), buffers a checkpoint keeps
 * but training does not differentiate (running statistics), and inputs fed at every training step (dropout masks).
 * The network reads the declarations back to initialize, save, load and train the layer.
 */
public final class LayerContext {
    /** A trained value and how it starts. */
    public record Parameter(Node node, Start start, double value, boolean optional) {
    }

    /** How a parameter starts. */
    public enum Start {
        /** Normal values scaled for the fan-in (the columns): a weight matrix, penalized by L2. */
        DRAWN,
        /** A constant: a bias, a scale. */
        CONSTANT
    }

    /** A value stored beside the parameters, not trained. */
    public record Buffer(Node node, double value) {
    }

    /** A dropout mask: an input the training step fills with 0 or 1/(1 − p), drawn per layer l. */
    public record Mask(Node node, double p, int layer) {
    }

    private final Graph graph;
    private final int position;
    private final int number;
    private final Features in;
    private final Features out;
    private final Layer next;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<Buffer> buffers = new ArrayList<>();
    private final List<Mask> masks = new ArrayList<>();

    /** Made by the network for each layer it builds; a layer only reads it and declares through it. */
    public LayerContext(Graph graph, int position, int number, Features in, Features out, Layer next) {
        this.graph = graph;
        this.position = position;
        this.number = number;
        this.in = in;
        this.out = out;
        this.next = next;
    }

    /** @return the graph the layer's nodes go into */
    public Graph graph() {
        return graph;
    }

    /** @return the layer's position in the list, 1 for the first layer after the input */
    public int position() {
        return position;
    }

    /** @return l: the layer's number when it is {@link Layer#numbered()}, else the number of the layer before it */
    public int number() {
        return number;
    }

    /** @return what one sample is before the layer */
    public Features in() {
        return in;
    }

    /** @return what one sample is after it */
    public Features out() {
        return out;
    }

    /** @return the layer after this one, or null for the last */
    public Layer next() {
        return next;
    }

    /** @return a weight matrix, rows × cols, drawn by the network's initializer for its fan-in and L2-penalized */
    public Node weight(String name, int rows, int cols) {
        Node w = graph.parameter(name, rows, cols);
        parameters.add(new Parameter(w, Start.DRAWN, 0, false));
        return w;
    }

    /** @return a bias column, rows × 1, starting at 0 */
    public Node bias(String name, int rows) {
        return constant(name, rows, 0, false);
    }

    /**
     * @param optional whether weights given from a file may lack it (it then starts at {@code value})
     * @return a trained column, rows × 1, starting at {@code value}
     */
    public Node constant(String name, int rows, double value, boolean optional) {
        Node p = graph.parameter(name, rows, 1);
        parameters.add(new Parameter(p, Start.CONSTANT, value, optional));
        return p;
    }

    /** @return a stored, untrained column, rows × 1, starting at {@code value} (optional in given weights) */
    public Node buffer(String name, int rows, double value) {
        Node b = graph.parameter(name, rows, 1);
        buffers.add(new Buffer(b, value));
        return b;
    }

    /** @return a dropout mask input, rows × m, dropping with probability p, drawn as layer {@link #number()}'s */
    public Node mask(String name, int rows, double p) {
        Node d = graph.input(name, rows, Dim.M);
        masks.add(new Mask(d, p, number));
        return d;
    }

    /** @return what the layer declared, in order */
    public List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** @return what the layer declared, in order */
    public List<Buffer> buffers() {
        return Collections.unmodifiableList(buffers);
    }

    /** @return what the layer declared, in order */
    public List<Mask> masks() {
        return Collections.unmodifiableList(masks);
    }
}
