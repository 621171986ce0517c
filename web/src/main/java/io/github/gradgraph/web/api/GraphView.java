package io.github.gradgraph.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.print.Dot;
import io.github.gradgraph.nn.Network;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The graph panel's content: the forward graph of J and the gradient nodes the engine derived from it, as the DOT
 * text {@code gradgraph graph} writes (gradient nodes filled); the page lays it out with Graphviz compiled to
 * WebAssembly.
 */
public final class GraphView {
    private GraphView() {
    }

    /** @return {@code {dot, nodes}} */
    public static ObjectNode of(Setup setup) {
        Network net = setup.network();
        Node j = net.loss();
        Set<Node> forward = Collections.newSetFromMap(new IdentityHashMap<>());
        forward.addAll(Compiler.compileAsWritten(j).steps());
        List<Node> outputs = new ArrayList<>(List.of(j));
        outputs.addAll(Autodiff.gradients(j, net.parameters()));
        ObjectNode o = Json.object();
        o.put("dot", Dot.render(outputs, forward));
        o.put("forwardNodes", forward.size());
        return o;
    }
}
