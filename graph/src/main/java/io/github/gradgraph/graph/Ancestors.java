package io.github.gradgraph.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** The nodes some roots depend on, the roots included. */
public final class Ancestors {
    private Ancestors() {
    }

    /** @return every node reachable from {@code roots} through operands, each once, in no particular order */
    public static List<Node> of(List<Node> roots) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> work = new ArrayDeque<>(roots);
        List<Node> out = new ArrayList<>();
        while (!work.isEmpty()) {
            Node n = work.pop();
            if (seen.add(n)) {
                out.add(n);
                n.inputs().forEach(work::push);
            }
        }
        return out;
    }
}
