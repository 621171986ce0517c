package io.github.gradgraph.graph.expr;

import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import java.util.List;
import java.util.Map;

/**
 * A parsed formula: the graph it built, every name it defined or used, its statements in order, and its result (the
 * last statement, J).
 *
 * @param graph      the graph holding the nodes
 * @param names      assigned names and inputs, by name, in order of appearance (a name assigned twice holds its
 *                   last value)
 * @param result     the last statement's node
 * @param statements every statement, in order, each with the node it made: the way to print a formula by name, as
 *                   {@code io.github.gradgraph.graph.print.FormulaPrinter} does
 */
public record Formula(Graph graph, Map<String, Node> names, Node result, List<Statement> statements) {
    /**
     * One statement of a formula.
     *
     * @param name   the name it assigns, or null for an expression statement (such as the last, {@code mean(a24)})
     * @param node   the node it made, or the node it names ({@code b = a} names a's node)
     * @param line   the statement's 1-based line
     * @param column the statement's 1-based column
     */
    public record Statement(String name, Node node, int line, int column) {
    }

    /** A formula whose statements are not known: {@link #statements()} is empty. */
    public Formula(Graph graph, Map<String, Node> names, Node result) {
        this(graph, names, result, List.of());
    }

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
