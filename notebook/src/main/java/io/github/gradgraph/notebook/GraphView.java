package io.github.gradgraph.notebook;

import io.github.gradgraph.graph.Ancestors;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.print.Dot;
import io.github.gradgraph.notebook.svg.GraphSvg;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A drawing of a graph: the nodes some outputs need, as the DOT printer lists them (inputs and parameters as boxes,
 * operations as ellipses, derived gradient nodes filled orange), laid out and drawn as SVG on the JVM, so a notebook
 * shows it without Graphviz and stores the same bytes each time it runs. Made by {@link Show#graph}.
 */
public final class GraphView implements Displayable {
    private final String title;
    private final String dot;
    private final String svg;
    private final int nodes;
    private final int derived;

    private GraphView(String title, String dot, int nodes, int derived) {
        this.title = title;
        this.dot = dot;
        this.svg = GraphSvg.render(dot, title);
        this.nodes = nodes;
        this.derived = derived;
    }

    /**
     * @param outputs the nodes to draw, with everything they need
     * @param forward the nodes drawn as forward nodes; every other operation is drawn as derived (empty: none is)
     * @param title   what the drawing shows
     * @throws IllegalArgumentException when there are more than {@link GraphSvg#MAX_NODES} nodes to draw
     */
    static GraphView of(List<Node> outputs, Set<Node> forward, String title) {
        List<Node> all = Ancestors.of(outputs);
        int derived = forward.isEmpty() ? 0
                : (int) all.stream().filter(n -> !forward.contains(n) && !n.inputs().isEmpty()).count();
        String counted = title + " — " + all.size() + " nodes" + (derived > 0 ? ", " + derived + " derived" : "");
        return new GraphView(counted, Dot.render(outputs, forward), all.size(), derived);
    }

    /** @return the title drawn above the graph, with its node counts */
    public String title() {
        return title;
    }

    /** @return the DOT text the drawing draws, for Graphviz */
    public String dot() {
        return dot;
    }

    /** @return the drawing, a standalone {@code <svg>} element */
    public String svg() {
        return svg;
    }

    /** @return the number of nodes drawn */
    public int nodes() {
        return nodes;
    }

    /** @return the number of derived (gradient) nodes among them */
    public int derived() {
        return derived;
    }

    @Override
    public Rich rich() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Rich.HTML, Pictures.svgAsHtml(svg, title));
        m.put(Rich.SVG, svg);
        m.put(Rich.PLAIN, title + " (the DOT text: .dot())");
        return new Rich(m);
    }

    @Override
    public String toString() {
        return title;
    }
}
