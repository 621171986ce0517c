package io.github.gradgraph.graph.print;

import io.github.gradgraph.graph.Ancestors;
import io.github.gradgraph.graph.Constant;
import io.github.gradgraph.graph.Input;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Graphviz DOT text for the nodes some outputs need. Each node shows its op, name and shape; inputs and parameters
 * are boxes, constants plain text, and nodes of the gradient graph (those not among the forward nodes) are filled
 * and drawn in another colour so the derived part stands out.
 */
public final class Dot {
    private Dot() {
    }

    /**
     * @param outputs  the nodes to draw, with everything they need
     * @param forward  nodes drawn as forward nodes; every other node is drawn as a gradient node (may be empty)
     * @return a {@code digraph} in DOT
     */
    public static String render(List<Node> outputs, Set<Node> forward) {
        List<Node> nodes = collect(outputs);
        StringBuilder sb = new StringBuilder("digraph gradgraph {\n  rankdir=LR;\n"
                + "  node [fontname=\"Helvetica\", fontsize=11];\n");
        for (Node n : nodes) {
            boolean grad = !forward.isEmpty() && !forward.contains(n) && !n.inputs().isEmpty();
            String shape = n.op() instanceof Input || n.op() instanceof Parameter ? "box"
                    : n.op() instanceof Constant ? "plaintext" : "ellipse";
            String kind = n.compositeName() != null ? n.compositeName() + " (" + n.op().name() + ")" : n.op().name();
            String label = (n.name() != null ? n.name() + "\\n" : "") + kind + "\\n" + n.shape();
            if (n.op() instanceof Input || n.op() instanceof Parameter) {
                label = n.label() + "\\n" + n.op().name() + "\\n" + n.shape();
            }
            sb.append("  n").append(n.id()).append(" [label=\"").append(escape(label)).append("\", shape=")
                    .append(shape);
            if (grad) {
                sb.append(", style=filled, fillcolor=\"#fde0c5\", color=\"#d95f02\"");
            }
            sb.append("];\n");
        }
        for (Node n : nodes) {
            for (Node in : n.inputs()) {
                sb.append("  n").append(in.id()).append(" -> n").append(n.id()).append(";\n");
            }
        }
        return sb.append("}\n").toString();
    }

    private static String escape(String s) {
        return s.replace("\"", "\\\"");
    }

    private static List<Node> collect(List<Node> outputs) {
        List<Node> out = new ArrayList<>(Ancestors.of(outputs));
        out.sort(Comparator.comparingInt(Node::id));
        return out;
    }
}
