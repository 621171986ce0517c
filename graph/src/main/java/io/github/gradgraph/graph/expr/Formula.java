package io.github.gradgraph.graph.expr;

import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import java.util.Map;

/**
 * A parsed formula: the graph it built, every name it defined or used, and its result (the last statement, J).
 *
 * @param graph  the graph holding the nodes
 * @param names  assigned names and inputs, by name, in order of appearance
 * @param result the last statement's node
 */
public record Formula(Graph graph, Map<String, Node> names, Node result) {
    /** @return the node of a name, or throws naming the known ones */
    public Node node(String name) {
        Node n = names.get(name);
        if (n == null) {
            throw new IllegalArgumentException("'" + name + "' does not appear in the formula; it has "
                    + String.join(", ", names.keySet()));
        }
        return n;
    }
}
