package io.github.gradgraph.graph;

import io.github.gradgraph.core.Shape;
import java.util.List;

/**
 * An immutable vertex of a {@link Graph}: an operation applied to input nodes, with the output's shape checked when
 * the node was made, an optional name and the user's call site.
 *
 * <p>Nodes hold no values and no gradients: values live in a run's buffers and parameter store, and gradients are
 * other nodes, built by {@code Autodiff.gradients}. Identity is by object; {@link #id()} is the creation index in its
 * graph, so a node's inputs always have smaller ids.
 */
public final class Node {
    private final Graph graph;
    private final int id;
    private final Primitive op;
    private final List<Node> inputs;
    private final Shape shape;
    private final String name;
    private final String site;
    private final String composite;

    Node(Graph graph, int id, Primitive op, List<Node> inputs, Shape shape, String name, String site,
            String composite) {
        this.graph = graph;
        this.id = id;
        this.op = op;
        this.inputs = List.copyOf(inputs);
        this.shape = shape;
        this.name = name;
        this.site = site;
        this.composite = composite;
    }

    /** @return the graph this node belongs to */
    public Graph graph() {
        return graph;
    }

    /** @return the creation index within the graph */
    public int id() {
        return id;
    }

    /** @return the operation */
    public Primitive op() {
        return op;
    }

    /** @return the operands, in order; unmodifiable */
    public List<Node> inputs() {
        return inputs;
    }

    /** @return operand {@code i} */
    public Node input(int i) {
        return inputs.get(i);
    }

    /** @return the output shape */
    public Shape shape() {
        return shape;
    }

    /** @return the user's name, or null when unnamed */
    public String name() {
        return name;
    }

    /**
     * @return the name, or {@code kind#id} when unnamed: the composite's name for the last node of a composite such
     *     as {@code mean} or {@code oneMinus}, else the operation's
     */
    public String label() {
        return name != null ? name : (composite != null ? composite : op.name()) + "#" + id;
    }

    /** @return the composite this node completes ({@code mean}, {@code oneMinus}, {@code mse}, …), or null */
    public String compositeName() {
        return composite;
    }

    /**
     * For builders of composites (graph-building functions such as mean = sum / m): a node computing the same as this
     * one, labelled with the composite's name in messages, printers and drawings.
     *
     * @param kind the composite's name, such as {@code mean}
     * @return the labelled node (this node itself for an input, parameter or constant, which keep their names)
     */
    public Node asComposite(String kind) {
        return graph.tag(this, kind);
    }

    /** @return where the user created the node, as {@code File.java:42} */
    public String site() {
        return site;
    }

    /**
     * A node computing the same as this one under a name; the graph keeps both, and only what is used is ever run.
     *
     * @param newName the name, not blank
     * @return the named node
     */
    public Node named(String newName) {
        return graph.rename(this, newName);
    }

    /** @return {@code label (shape)}, as in error messages */
    public String describe() {
        return label() + " (" + shape + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
