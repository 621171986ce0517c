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

    Node(Graph graph, int id, Primitive op, List<Node> inputs, Shape shape, String name, String site) {
        this.graph = graph;
        this.id = id;
        this.op = op;
        this.inputs = List.copyOf(inputs);
        this.shape = shape;
        this.name = name;
        this.site = site;
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

    /** @return the name, or {@code op#id} when unnamed */
    public String label() {
        return name != null ? name : op.name() + "#" + id;
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
