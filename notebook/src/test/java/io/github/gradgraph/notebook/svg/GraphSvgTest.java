package io.github.gradgraph.notebook.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.graph.print.Dot;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphSvgTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());

    /** A random graph of 3×3 matrices: parameters, then {@code ops} operations on earlier nodes. */
    static List<Node> randomGraph(int ops, long seed) {
        Random r = new Random(seed);
        Graph g = new Graph();
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 1 + r.nextInt(3); i++) {
            nodes.add(g.parameter("P" + i, 3, 3));
        }
        for (int i = 0; i < ops; i++) {
            Node a = nodes.get(r.nextInt(nodes.size()));
            Node b = nodes.get(r.nextInt(nodes.size()));
            Node n = switch (r.nextInt(6)) {
                case 0 -> Ops.add(a, b);
                case 1 -> Ops.mul(a, b);
                case 2 -> Ops.matmul(a, b);
                case 3 -> Ops.tanh(a);
                case 4 -> Ops.sub(a, b);
                default -> Ops.sigmoid(a);
            };
            nodes.add(r.nextInt(4) == 0 ? n.named("N" + i) : n);
        }
        return List.of(nodes.get(nodes.size() - 1));
    }

    @Test
    void render_anyGraphDrawsEveryNodeAndEdgeWithoutOverlapAndTheSameBytesTwice() {
        System.out.println("GraphSvgTest seed " + SEED + " (replay with -Dgradgraph.seed=" + SEED + ")");
        qt().withFixedSeed(SEED).withExamples(25).forAll(integers().between(0, 60), longs().all()).checkAssert((ops, seed) -> {
            List<Node> outputs = randomGraph(ops, seed);
            String dot = Dot.render(outputs, Set.of());
            String svg = GraphSvg.render(dot, "random graph, seed " + seed);
            SvgAssertions.drawsGraph(svg, outputs);
            assertEquals(svg, GraphSvg.render(dot, "random graph, seed " + seed));
            // a graph built again the same way gets the same drawing
            assertEquals(svg, GraphSvg.render(Dot.render(randomGraph(ops, seed), Set.of()),
                    "random graph, seed " + seed));
        });
    }

    @Test
    void render_escapesTitleAndLabels() {
        Graph g = new Graph();
        Node a = g.parameter("A", 2, 2);
        Node n = Ops.tanh(a).named("x<y&\"z\"");
        String svg = GraphSvg.render(Dot.render(List.of(n), Set.of()), "<J> & co");
        assertTrue(svg.contains("&lt;J&gt; &amp; co"), svg);
        assertTrue(svg.contains("x&lt;y&amp;&quot;z&quot;"), svg);
        SvgAssertions.drawsGraph(svg, List.of(n));
    }

    @Test
    void render_tooManyNodesIsRefusedWithTheLimit() {
        Node chain = new Graph().parameter("P", 2, 2);
        for (int i = 0; i < GraphSvg.MAX_NODES; i++) {
            chain = Ops.tanh(chain);
        }
        List<Node> outputs = List.of(chain);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphSvg.render(Dot.render(outputs, Set.of()), "big"));
        assertTrue(e.getMessage().contains((GraphSvg.MAX_NODES + 1) + " nodes"), e.getMessage());
        assertTrue(e.getMessage().contains("at most " + GraphSvg.MAX_NODES), e.getMessage());
    }

    @Test
    void parse_aLineOfAnotherFormatIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DotModel.parse("digraph gradgraph {\n  n1 [label=\"x\" shape=box];\n}\n"));
        assertTrue(e.getMessage().contains("n1 [label=\"x\" shape=box]"), e.getMessage());
    }

    @Test
    void number_sameTextWhateverTheDefaultLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertEquals("12.5", Xml.number(12.46));
            assertEquals("0", Xml.number(-0.01));
            assertEquals("-3", Xml.number(-3.0));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
