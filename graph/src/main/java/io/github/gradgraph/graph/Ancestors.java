package io.github.gradgraph.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

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

    /**
     * The nodes below {@code root} in the order a recursive walk finishes them — each after its operands, operands in
     * order — found with a loop, so that a walk that memoizes its results can visit them in this order and recurse
     * at most one level, however deep the graph.
     *
     * @param root the node to start from
     * @param stop nodes not to list nor walk below (those a walk already knows, or handles without their operands)
     * @return the nodes reachable from {@code root} without passing a stopped node, root last (when not stopped)
     */
    public static List<Node> postOrder(Node root, Predicate<Node> stop) {
        List<Node> out = new ArrayList<>();
        postOrder(root, stop, out::add);
        return out;
    }

    /**
     * Visits the nodes of {@link #postOrder(Node, Predicate)} as a recursive walk would: {@code stop} is asked about
     * an operand only once the operands before it are visited, so it may depend on what the visits did (a memo).
     *
     * @param visit called once per node, after its operands
     */
    public static void postOrder(Node root, Predicate<Node> stop, Consumer<Node> visit) {
        if (stop.test(root)) {
            return;
        }
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> path = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>(); // the operand of path's top to visit next
        seen.add(root);
        path.push(root);
        next.push(0);
        while (!path.isEmpty()) {
            Node n = path.peek();
            int i = next.pop();
            if (i == n.inputs().size()) {
                visit.accept(path.pop());
                continue;
            }
            next.push(i + 1);
            Node in = n.input(i);
            if (!stop.test(in) && seen.add(in)) {
                path.push(in);
                next.push(0);
            }
        }
    }
}
