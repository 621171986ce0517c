package io.github.gradgraph.graph.exec.fusion;

import io.github.gradgraph.graph.Node;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** How many times each node of a program is read — by later nodes, or as an output of the program. */
public final class Uses {
    private final Map<Node, Integer> count = new IdentityHashMap<>();

    Uses(List<Node> order, List<Node> outputs) {
        for (Node n : order) {
            for (Node in : n.inputs()) {
                count.merge(in, 1, Integer::sum);
            }
        }
        for (Node out : outputs) {
            count.merge(out, 1, Integer::sum);
        }
    }

    /** @return true when {@code n} is read exactly once: a fused kernel may absorb it */
    public boolean once(Node n) {
        return count.getOrDefault(n, 0) == 1;
    }
}
