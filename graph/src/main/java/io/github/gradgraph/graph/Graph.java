package io.github.gradgraph.graph;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * A define-then-run computation graph: an append-only list of immutable {@link Node}s. Creation order is a
 * topological order, since a node's operands exist before it.
 *
 * <p>Leaves are made here ({@link #input}, {@link #parameter}, {@link #constant}); operations through the {@code Ops}
 * front in {@code io.github.gradgraph.graph.ops}, which calls {@link #apply}. Not thread-safe: build a graph from one
 * thread.
 */
public final class Graph {
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Node> leaves = new LinkedHashMap<>();
    private final java.util.Set<String> symbols = new java.util.HashSet<>();

    /**
     * Declares a value fed per run.
     *
     * @param name  the feed name; unique among inputs and parameters
     * @param shape its shape, usually {@code n × m}
     * @return the input node
     */
    public Node input(String name, Shape shape) {
        return leaf(new Input(checkName(name), Objects.requireNonNull(shape, "shape")), name);
    }

    /**
     * Declares an input that stands for a quantity in a printed derivation, such as dZ[2] in the lines below it: fed
     * like any input when such a line is evaluated, but not one of the inputs a user feeds, so messages do not list it.
     *
     * @param name  unique among inputs and parameters
     * @param shape its shape
     * @return the input node
     */
    public Node symbol(String name, Shape shape) {
        Node n = input(name, shape);
        symbols.add(name);
        return n;
    }

    /** @return whether {@code name} is a {@link #symbol} rather than an input users feed */
    public boolean isSymbol(String name) {
        return symbols.contains(name);
    }

    /** @return {@link #input(String, Shape)} with shape {@code rows × cols} */
    public Node input(String name, int rows, Dim cols) {
        return input(name, Shape.of(rows, cols));
    }

    /**
     * Declares a trainable value held in a {@link ParameterStore}.
     *
     * @param name  the store key; unique among inputs and parameters
     * @param rows  at least 1
     * @param cols  at least 1
     * @return the parameter node
     */
    public Node parameter(String name, int rows, int cols) {
        return leaf(new Parameter(checkName(name), Shape.of(rows, cols)), name);
    }

    /**
     * A fixed value.
     *
     * @param value copied; not modified
     * @return the constant node
     */
    public Node constant(DMatrixRMaj value) {
        Objects.requireNonNull(value, "value");
        return apply(new Constant(value));
    }

    /** @return a 1×1 constant */
    public Node constant(double value) {
        return constant(new DMatrixRMaj(1, 1, true, value));
    }

    /**
     * Applies an operation to operands of this graph. Checks arity and graph membership, runs the shape rule and
     * records the caller's source line.
     *
     * @param op     the operation
     * @param inputs its operands, nodes of this graph
     * @return the new node
     * @throws ShapeException when the shape rule rejects the operands
     * @throws GraphException when an operand is null or belongs to another graph
     */
    public Node apply(Primitive op, Node... inputs) {
        Objects.requireNonNull(op, "op");
        String site = CallSite.capture();
        if (inputs.length != op.arity()) {
            throw new GraphException(op.name() + " takes " + op.arity() + " operand(s), got " + inputs.length
                    + " (at " + site + ")");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new GraphException(op.name() + ": operand " + (i + 1) + " is null (at " + site + ")");
            }
            if (inputs[i].graph() != this) {
                throw new GraphException(op.name() + ": operand " + inputs[i].describe()
                        + " belongs to another graph (at " + site + ")");
            }
        }
        List<Node> in = List.of(inputs);
        Shape shape;
        try {
            shape = op.inferShape(in);
        } catch (ShapeException e) {
            throw new ShapeException(e.getMessage() + " (at " + site + ")");
        }
        return add(op, in, shape, null, site);
    }

    /** @return every node, in creation order; unmodifiable */
    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** @return the number of nodes */
    public int size() {
        return nodes.size();
    }

    /** @return the input and parameter nodes by name, in declaration order; unmodifiable */
    public Map<String, Node> leaves() {
        return Collections.unmodifiableMap(leaves);
    }

    /** @return the input or parameter of that name, or null */
    public Node leaf(String name) {
        return leaves.get(name);
    }

    Node rename(Node node, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a node name must not be blank");
        }
        if (node.op() instanceof Input || node.op() instanceof Parameter) {
            throw new GraphException("cannot rename " + node.describe() + ": inputs and parameters keep the name "
                    + "they were declared with");
        }
        return add(node.op(), node.inputs(), node.shape(), name, node.site(), node.compositeName());
    }

    Node tag(Node node, String composite) {
        if (node.op() instanceof Leaf || node.name() != null) {
            return node; // leaves and named nodes keep their names
        }
        return add(node.op(), node.inputs(), node.shape(), null, node.site(), composite);
    }

    private Node leaf(Leaf op, String name) {
        Node node = add(op, List.of(), op.shape(), name, CallSite.capture());
        leaves.put(name, node);
        return node;
    }

    private String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an input or parameter needs a name");
        }
        Node existing = leaves.get(name);
        if (existing != null) {
            throw new GraphException("the name '" + name + "' is taken by " + existing.describe() + " (at "
                    + existing.site() + ")");
        }
        return name;
    }

    private Node add(Primitive op, List<Node> inputs, Shape shape, String name, String site) {
        return add(op, inputs, shape, name, site, null);
    }

    private Node add(Primitive op, List<Node> inputs, Shape shape, String name, String site, String composite) {
        Node node = new Node(this, nodes.size(), op, inputs, shape, name, site, composite);
        nodes.add(node);
        return node;
    }
}
