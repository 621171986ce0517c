package io.github.gradgraph.notebook.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nodes and edges of a {@code digraph} as {@link io.github.gradgraph.graph.print.Dot} writes it, read back so the
 * SVG draws exactly what the DOT text says: the same nodes, labels, shapes and colours.
 *
 * @param nodes in the order the DOT text lists them (by node id)
 * @param edges in the order the DOT text lists them
 */
record DotModel(List<DotNode> nodes, List<DotEdge> edges) {
    /**
     * One node.
     *
     * @param id      the DOT id, such as {@code n12}
     * @param lines   the label's lines
     * @param shape   {@code box}, {@code ellipse} or {@code plaintext}
     * @param fill    the fill colour, or null when unfilled
     * @param stroke  the outline colour, or null for the default
     */
    record DotNode(String id, List<String> lines, String shape, String fill, String stroke) {
    }

    /** An edge {@code from -> to}, by DOT id. */
    record DotEdge(String from, String to) {
    }

    private static final Pattern NODE = Pattern.compile(
            "^\\s*(n\\d+) \\[label=\"((?:[^\"\\\\]|\\\\.)*)\", shape=(\\w+)"
            + "(?:, style=filled, fillcolor=\"([^\"]*)\", color=\"([^\"]*)\")?\\];$");
    private static final Pattern EDGE = Pattern.compile("^\\s*(n\\d+) -> (n\\d+);$");

    DotModel {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * @param dot the DOT printer's text
     * @throws IllegalStateException naming the line when a line is neither a node, an edge nor the header: the DOT
     *     printer's format changed and this reader must follow it
     */
    static DotModel parse(String dot) {
        List<DotNode> nodes = new ArrayList<>();
        List<DotEdge> edges = new ArrayList<>();
        for (String line : dot.split("\n")) {
            Matcher n = NODE.matcher(line);
            Matcher e = EDGE.matcher(line);
            if (n.matches()) {
                List<String> lines = new ArrayList<>();
                for (String part : n.group(2).split("\\\\n", -1)) {
                    lines.add(part.replace("\\\"", "\""));
                }
                nodes.add(new DotNode(n.group(1), lines, n.group(3), n.group(4), n.group(5)));
            } else if (e.matches()) {
                edges.add(new DotEdge(e.group(1), e.group(2)));
            } else if (!line.startsWith("digraph ") && !line.startsWith("  rankdir=") && !line.startsWith("  node [")
                    && !line.equals("}") && !line.isBlank()) {
                throw new IllegalStateException("cannot read the DOT printer's line '" + line + "'; the SVG drawing "
                        + "reads nodes as  nID [label=\"…\", shape=…];  and edges as  nA -> nB;");
            }
        }
        return new DotModel(nodes, edges);
    }
}
