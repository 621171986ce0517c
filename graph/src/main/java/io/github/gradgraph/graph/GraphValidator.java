package io.github.gradgraph.graph;

import io.github.gradgraph.core.Shape;
import java.util.Collection;

/**
 * Checks the invariants every graph must keep, so that a broken rule or rewrite is caught where it happens rather
 * than as a wrong number later: each node's operands belong to its graph and were made before it, the arity is the
 * primitive's, and the recorded shape is what the shape rule gives now.
 */
public final class GraphValidator {
    private GraphValidator() {
    }

    /**
     * Validates every node of a graph.
     *
     * @throws GraphException naming the first node that breaks an invariant
     */
    public static void validate(Graph graph) {
        validate(graph.nodes());
    }

    /**
     * Validates the given nodes.
     *
     * @throws GraphException naming the first node that breaks an invariant
     */
    public static void validate(Collection<Node> nodes) {
        for (Node node : nodes) {
            if (node.graph().nodes().get(node.id()) != node) {
                throw new GraphException("invalid graph: " + node.describe() + " is not at its own id");
            }
            if (node.inputs().size() != node.op().arity()) {
                throw new GraphException("invalid graph: " + node.describe() + " has " + node.inputs().size()
                        + " operands, " + node.op().name() + " takes " + node.op().arity());
            }
            for (Node in : node.inputs()) {
                if (in.graph() != node.graph() || in.id() >= node.id()) {
                    throw new GraphException("invalid graph: operand " + in.describe() + " of " + node.describe()
                            + " is from another graph or made after it");
                }
            }
            Shape shape = node.op().inferShape(node.inputs());
            if (!shape.equals(node.shape())) {
                throw new GraphException("invalid graph: " + node.describe() + " records shape " + node.shape()
                        + " but its shape rule now gives " + shape);
            }
        }
    }
}
