package io.github.gradgraph.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.print.Derivation;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.notebook.svg.SvgAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphViewTest {
    @Test
    void graphOfDerivation_drawsForwardAndDerivedNodesAsTheDotTextDoes() {
        Derivation d = Fixtures.seedDerivation();
        GraphView v = Show.graph(d);
        List<Node> outputs = new ArrayList<>(List.of(d.loss()));
        outputs.addAll(d.gradients());
        SvgAssertions.drawsGraph(v.svg(), outputs);
        assertTrue(v.derived() > 0, v.title());
        // every node the DOT text fills is filled alike in the drawing
        long filledInDot = v.dot().lines().filter(l -> l.contains("fillcolor=\"#fde0c5\"")).count();
        assertEquals(v.derived(), filledInDot);
        assertEquals(filledInDot, v.svg().split("fill=\"#fde0c5\" stroke=\"#d95f02\"", -1).length - 1);
        assertTrue(v.title().contains("dW1"), v.title());
        assertEquals(Set.of(Rich.HTML, Rich.SVG, Rich.PLAIN), Show.of(v).bundle().keySet());
        assertEquals(v.svg(), Fixtures.svgOfHtmlImage(Show.of(v).get(Rich.HTML)), "the HTML shows the same SVG");
        Fixtures.xml(v.svg());
    }

    @Test
    void graph_sameBytesOnEveryRender() {
        String first = Show.graph(Fixtures.seedDerivation()).svg();
        String second = Show.graph(Fixtures.seedDerivation()).svg();
        assertEquals(first, second);
    }

    @Test
    void graphOfNodes_laterOutputsNodesAreDerived() {
        Network net = Fixtures.seed();
        List<Node> grads = Autodiff.gradients(net.loss(), net.parameters());
        List<Node> outputs = new ArrayList<>(List.of(net.loss()));
        outputs.addAll(grads);
        GraphView v = Show.graph(outputs.toArray(Node[]::new));
        SvgAssertions.drawsGraph(v.svg(), outputs);
        assertTrue(v.derived() > 0);
        GraphView forwardOnly = Show.graph(net.loss());
        assertEquals(0, forwardOnly.derived());
        SvgAssertions.drawsGraph(forwardOnly.svg(), List.of(net.loss()));
    }

    @Test
    void graph_noOutputIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Show.graph());
    }
}
