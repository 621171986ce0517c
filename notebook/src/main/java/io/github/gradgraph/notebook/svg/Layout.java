package io.github.gradgraph.notebook.svg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Positions of a {@link DotModel}'s nodes and the routes of its edges, by ELK's layered algorithm (Sugiyama-style
 * layers from left to right, as the DOT text's {@code rankdir=LR}). ELK draws its random choices from a fixed seed,
 * so the same graph gets the same layout.
 *
 * @param width  of the whole drawing
 * @param height of the whole drawing
 * @param boxes  each node's bounding box, by DOT id, in the model's order
 * @param routes each edge's points from source to target, in the model's order
 */
record Layout(double width, double height, Map<String, Box> boxes, List<double[]> routes) {
    /** A node's bounding box: top-left corner and size. */
    record Box(double x, double y, double w, double h) {
        double cx() {
            return x + w / 2;
        }

        double cy() {
            return y + h / 2;
        }
    }

    static final double FONT_SIZE = 11;
    static final double LINE_HEIGHT = 13;

    static {
        // Outside Eclipse nothing registers the algorithm: once per JVM, before any layout
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    /** @return the size a node needs for its label: text plus padding, an ellipse √2 times its text's box */
    static double[] size(DotModel.DotNode n) {
        double text = 0;
        for (String line : n.lines()) {
            text = Math.max(text, TextWidth.of(line, FONT_SIZE));
        }
        double h = n.lines().size() * LINE_HEIGHT;
        if (n.shape().equals("ellipse")) {
            return new double[] {Math.ceil(text * Math.sqrt(2) + 8), Math.ceil(h * Math.sqrt(2) + 4)};
        }
        return new double[] {Math.ceil(text + 16), Math.ceil(h + 10)};
    }

    static Layout of(DotModel model) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(12));
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 14.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 36.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 12.0);
        root.setProperty(LayeredOptions.RANDOM_SEED, 1);
        Map<String, ElkNode> elk = new LinkedHashMap<>();
        for (DotModel.DotNode n : model.nodes()) {
            ElkNode e = ElkGraphUtil.createNode(root);
            double[] wh = size(n);
            e.setDimensions(wh[0], wh[1]);
            elk.put(n.id(), e);
        }
        List<ElkEdge> edges = new ArrayList<>();
        for (DotModel.DotEdge d : model.edges()) {
            ElkNode from = elk.get(d.from());
            ElkNode to = elk.get(d.to());
            if (from == null || to == null) {
                throw new IllegalStateException("the DOT text has an edge " + d.from() + " -> " + d.to()
                        + " to a node it does not list");
            }
            edges.add(ElkGraphUtil.createSimpleEdge(from, to));
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        Map<String, Box> boxes = new LinkedHashMap<>();
        elk.forEach((id, e) -> boxes.put(id, new Box(e.getX(), e.getY(), e.getWidth(), e.getHeight())));
        List<double[]> routes = new ArrayList<>();
        for (ElkEdge e : edges) {
            ElkEdgeSection s = e.getSections().get(0);
            double[] pts = new double[4 + 2 * s.getBendPoints().size()];
            pts[0] = s.getStartX();
            pts[1] = s.getStartY();
            int k = 2;
            for (ElkBendPoint b : s.getBendPoints()) {
                pts[k++] = b.getX();
                pts[k++] = b.getY();
            }
            pts[k++] = s.getEndX();
            pts[k] = s.getEndY();
            routes.add(pts);
        }
        return new Layout(root.getWidth(), root.getHeight(), boxes, routes);
    }
}
