package io.github.gradgraph.notebook.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.Ancestors;
import io.github.gradgraph.graph.Node;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What every graph drawing must be: well-formed SVG with one shape per node carrying the node's label, one path per
 * edge between the right nodes, and no two node shapes overlapping.
 */
public final class SvgAssertions {
    private SvgAssertions() {
    }

    /** Checks {@code svg} against the nodes {@code outputs} need, as the DOT printer lists them. */
    public static void drawsGraph(String svg, List<Node> outputs) {
        Document doc = parse(svg);
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        List<Node> nodes = Ancestors.of(outputs);
        List<Element> groups = byClass(doc, "node");
        assertEquals(nodes.size(), groups.size(), "one node group per graph node");
        Set<String> ids = new HashSet<>();
        List<double[]> boxes = new ArrayList<>();
        for (Element g : groups) {
            ids.add(g.getAttribute("data-node"));
            int shapes = g.getElementsByTagName("rect").getLength() + g.getElementsByTagName("ellipse").getLength();
            assertEquals(1, shapes, "one shape in node " + g.getAttribute("data-node"));
            boxes.add(box(g));
        }
        int edges = 0;
        for (Node n : nodes) {
            String id = "n" + n.id();
            assertTrue(ids.contains(id), "node " + id + " drawn");
            Element g = groups.stream().filter(e -> e.getAttribute("data-node").equals(id)).findFirst().orElseThrow();
            String text = g.getElementsByTagName("text").item(0).getTextContent();
            String expected = n.name() != null ? n.name() : n.label().split("#")[0];
            assertTrue(text.contains(expected),
                    "label of " + id + ": " + text);
            assertTrue(text.contains(n.shape().toString()), "shape of " + id + " in " + text);
            edges += n.inputs().size();
        }
        List<Element> edgeGroups = byClass(doc, "edge");
        assertEquals(edges, edgeGroups.size(), "one edge group per input of each node");
        for (Element e : edgeGroups) {
            assertEquals(1, e.getElementsByTagName("path").getLength());
            assertTrue(ids.contains(e.getAttribute("data-from")) && ids.contains(e.getAttribute("data-to")));
            String d = ((Element) e.getElementsByTagName("path").item(0)).getAttribute("d");
            assertTrue(d.matches("M-?[\\d.]+,-?[\\d.]+( L-?[\\d.]+,-?[\\d.]+)+"), d);
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                double[] a = boxes.get(i);
                double[] b = boxes.get(j);
                boolean overlap = a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3]
                        && b[1] < a[1] + a[3];
                assertFalse(overlap, "nodes " + groups.get(i).getAttribute("data-node") + " and "
                        + groups.get(j).getAttribute("data-node") + " overlap");
            }
        }
    }

    /** @return x, y, width, height of a node group's shape */
    private static double[] box(Element g) {
        NodeList rects = g.getElementsByTagName("rect");
        if (rects.getLength() > 0) {
            Element r = (Element) rects.item(0);
            return new double[] {num(r, "x"), num(r, "y"), num(r, "width"), num(r, "height")};
        }
        Element e = (Element) g.getElementsByTagName("ellipse").item(0);
        double rx = num(e, "rx");
        double ry = num(e, "ry");
        return new double[] {num(e, "cx") - rx, num(e, "cy") - ry, 2 * rx, 2 * ry};
    }

    private static double num(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    static List<Element> byClass(Document doc, String cls) {
        NodeList all = doc.getElementsByTagName("g");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getAttribute("class").equals(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    static Document parse(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }
}
