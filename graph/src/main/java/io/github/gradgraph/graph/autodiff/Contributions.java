package io.github.gradgraph.graph.autodiff;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Ops;
import java.util.ArrayList;
import java.util.List;

/**
 * The gradient contributions collected per node during the reverse walk. A node feeding several consumers receives
 * one contribution from each; {@link #total} sums them, in the order they arrived, into one node.
 */
final class Contributions {
    private final List<List<Node>> parts;

    Contributions(int size) {
        parts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            parts.add(null);
        }
    }

    void add(Node node, Node contribution) {
        List<Node> list = parts.get(node.id());
        if (list == null) {
            list = new ArrayList<>(2);
            parts.set(node.id(), list);
        }
        list.add(contribution);
    }

    boolean has(Node node) {
        return node.id() < parts.size() && parts.get(node.id()) != null;
    }

    /** @return the sum of every contribution to {@code node}, cached so that later calls return the same node */
    Node total(Node node) {
        List<Node> list = parts.get(node.id());
        Node sum = list.get(0);
        for (int i = 1; i < list.size(); i++) {
            sum = Ops.add(sum, list.get(i));
        }
        if (list.size() > 1) {
            list.clear();
            list.add(sum);
        }
        return sum;
    }
}
