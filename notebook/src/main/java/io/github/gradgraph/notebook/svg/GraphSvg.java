package io.github.gradgraph.notebook.svg;

import java.util.List;

/**
 * A graph drawn as static SVG on the JVM, from the DOT text of {@link io.github.gradgraph.graph.print.Dot}: ELK lays
 * out the same nodes and edges, and this class writes the shapes (inputs and parameters as boxes, operations as
 * ellipses, constants as bare text, derived gradient nodes filled orange, as in the DOT text), each edge as the
 * polyline ELK routed with an arrowhead, and a title.
 *
 * <p>The text is a function of the DOT text and the title alone: no random ids, no time, numbers to one decimal in
 * {@link java.util.Locale#ROOT}, so a notebook stored with its outputs changes only when the graph does. Element ids
 * are avoided altogether (several drawings share one page): nodes carry {@code class="node"} and a
 * {@code data-node} attribute with their DOT id, edges {@code class="edge"} with {@code data-from} and {@code data-to}.
 *
 * <p>Graphs of more than {@value #MAX_NODES} nodes are refused: a drawing of that many nodes is unreadable and its
 * layout takes seconds; draw fewer outputs, or write the DOT text and use Graphviz.
 */
public final class GraphSvg {
    /** The most nodes drawn. */
    public static final int MAX_NODES = 400;
    private static final double TITLE_HEIGHT = 24;
    private static final double ARROW_LENGTH = 8;
    private static final double ARROW_HALF_WIDTH = 3.5;

    private GraphSvg() {
    }

    /**
     * @param dot   the DOT printer's text
     * @param title drawn at the top, and the SVG's {@code <title>}
     * @return a standalone {@code <svg>} element
     * @throws IllegalArgumentException when the graph has more than {@link #MAX_NODES} nodes
     */
    public static String render(String dot, String title) {
        DotModel model = DotModel.parse(dot);
        if (model.nodes().size() > MAX_NODES) {
            throw new IllegalArgumentException("the graph has " + model.nodes().size() + " nodes; an SVG drawing "
                    + "shows at most " + MAX_NODES + " readably. Draw fewer outputs, or render the DOT text "
                    + "(Dot.render) with Graphviz");
        }
        Layout layout = Layout.of(model);
        double width = Math.max(layout.width(), TextWidth.of(title, 13) + 24);
        double height = layout.height() + TITLE_HEIGHT;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(Xml.number(width))
                .append("\" height=\"").append(Xml.number(height)).append("\" viewBox=\"0 0 ")
                .append(Xml.number(width)).append(' ').append(Xml.number(height))
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"")
                .append(Xml.number(Layout.FONT_SIZE)).append("\">\n");
        sb.append("<title>").append(Xml.escape(title)).append("</title>\n");
        sb.append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"").append(Xml.number(width))
                .append("\" height=\"").append(Xml.number(height)).append("\" fill=\"white\"/>\n");
        sb.append("<text class=\"title\" x=\"12\" y=\"17\" font-size=\"13\" font-weight=\"bold\">")
                .append(Xml.escape(title)).append("</text>\n");
        sb.append("<g transform=\"translate(0,").append(Xml.number(TITLE_HEIGHT)).append(")\">\n");
        java.util.Set<String> ellipses = new java.util.HashSet<>();
        model.nodes().stream().filter(n -> n.shape().equals("ellipse")).forEach(n -> ellipses.add(n.id()));
        for (int i = 0; i < model.edges().size(); i++) {
            edge(sb, model.edges().get(i), layout.routes().get(i), layout, ellipses);
        }
        for (DotModel.DotNode n : model.nodes()) {
            node(sb, n, layout.boxes().get(n.id()));
        }
        return sb.append("</g>\n</svg>\n").toString();
    }

    private static void node(StringBuilder sb, DotModel.DotNode n, Layout.Box b) {
        String fill = n.fill() != null ? n.fill() : "white";
        String stroke = n.stroke() != null ? n.stroke() : "black";
        sb.append("<g class=\"node\" data-node=\"").append(n.id()).append("\">");
        sb.append("<title>").append(Xml.escape(String.join(" ", n.lines()))).append("</title>");
        switch (n.shape()) {
            case "ellipse" -> sb.append("<ellipse cx=\"").append(Xml.number(b.cx())).append("\" cy=\"")
                    .append(Xml.number(b.cy())).append("\" rx=\"").append(Xml.number(b.w() / 2))
                    .append("\" ry=\"").append(Xml.number(b.h() / 2)).append('"');
            default -> sb.append("<rect x=\"").append(Xml.number(b.x())).append("\" y=\"")
                    .append(Xml.number(b.y())).append("\" width=\"").append(Xml.number(b.w()))
                    .append("\" height=\"").append(Xml.number(b.h())).append('"');
        }
        if (n.shape().equals("plaintext")) {
            sb.append(" fill=\"none\" stroke=\"none\"/>");
        } else {
            sb.append(" fill=\"").append(Xml.escape(fill)).append("\" stroke=\"").append(Xml.escape(stroke))
                    .append("\"/>");
        }
        List<String> lines = n.lines();
        double top = b.cy() - lines.size() * Layout.LINE_HEIGHT / 2 + Layout.LINE_HEIGHT * 0.78;
        sb.append("<text text-anchor=\"middle\">");
        for (int i = 0; i < lines.size(); i++) {
            sb.append("<tspan x=\"").append(Xml.number(b.cx())).append("\" y=\"")
                    .append(Xml.number(top + i * Layout.LINE_HEIGHT)).append("\">").append(Xml.escape(lines.get(i)))
                    .append("</tspan>");
        }
        sb.append("</text></g>\n");
    }

    private static void edge(StringBuilder sb, DotModel.DotEdge e, double[] route, Layout layout,
            java.util.Set<String> ellipses) {
        double[] pts = route.clone();
        int n = pts.length;
        Layout.Box from = layout.boxes().get(e.from());
        Layout.Box to = layout.boxes().get(e.to());
        // ELK ends edges on the bounding box; an ellipse's outline lies inside it, so meet the outline itself
        clip(pts, 0, 2, from, ellipses.contains(e.from()));
        clip(pts, n - 2, n - 4, to, ellipses.contains(e.to()));
        double dx = pts[n - 2] - pts[n - 4];
        double dy = pts[n - 1] - pts[n - 3];
        double len = Math.hypot(dx, dy);
        double ux = len == 0 ? 1 : dx / len;
        double uy = len == 0 ? 0 : dy / len;
        double tipX = pts[n - 2];
        double tipY = pts[n - 1];
        double baseX = tipX - ux * ARROW_LENGTH;
        double baseY = tipY - uy * ARROW_LENGTH;
        sb.append("<g class=\"edge\" data-from=\"").append(e.from()).append("\" data-to=\"").append(e.to())
                .append("\"><path d=\"");
        for (int i = 0; i < n; i += 2) {
            boolean last = i == n - 2;
            sb.append(i == 0 ? "M" : " L").append(Xml.number(last ? baseX : pts[i])).append(',')
                    .append(Xml.number(last ? baseY : pts[i + 1]));
        }
        sb.append("\" fill=\"none\" stroke=\"#555555\"/><polygon points=\"")
                .append(Xml.number(tipX)).append(',').append(Xml.number(tipY)).append(' ')
                .append(Xml.number(baseX - uy * ARROW_HALF_WIDTH)).append(',')
                .append(Xml.number(baseY + ux * ARROW_HALF_WIDTH)).append(' ')
                .append(Xml.number(baseX + uy * ARROW_HALF_WIDTH)).append(',')
                .append(Xml.number(baseY - ux * ARROW_HALF_WIDTH))
                .append("\" fill=\"#555555\"/></g>\n");
    }

    /**
     * Moves the end point at {@code end} along the line from its neighbour at {@code other}, inwards, to where that
     * line meets the ellipse inscribed in {@code box}; leaves it when the line misses the ellipse.
     */
    private static void clip(double[] pts, int end, int other, Layout.Box box, boolean ellipse) {
        if (!ellipse) {
            return;
        }
        double px = pts[end];
        double py = pts[end + 1];
        double dx = px - pts[other];
        double dy = py - pts[other + 1];
        double len = Math.hypot(dx, dy);
        if (len == 0) {
            return;
        }
        dx /= len;
        dy /= len;
        double a = box.w() / 2;
        double b = box.h() / 2;
        double ox = (px - box.cx()) / a;
        double oy = (py - box.cy()) / b;
        double vx = dx / a;
        double vy = dy / b;
        // |o + t·v|² = 1, the smallest t ≥ 0: where the ray into the box first meets the outline
        double qa = vx * vx + vy * vy;
        double qb = 2 * (ox * vx + oy * vy);
        double qc = ox * ox + oy * oy - 1;
        double disc = qb * qb - 4 * qa * qc;
        if (disc < 0) {
            return;
        }
        double t = (-qb - Math.sqrt(disc)) / (2 * qa);
        if (t < 0) {
            return;
        }
        pts[end] = px + t * dx;
        pts[end + 1] = py + t * dy;
    }
}
