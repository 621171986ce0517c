package io.github.gradgraph.graph.exec;

import io.github.gradgraph.graph.CallSite;
import io.github.gradgraph.graph.Graph;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Notices the define-by-run habit in a define-then-run framework: gradients derived or a program compiled inside the
 * training loop, so that the same graph gains nodes before every compile and each step re-derives and re-plans
 * (seen: 7 nodes grown to 11,007 over 1,000 steps, 39× slower). After {@link #STREAK} compiles of one graph, each
 * finding it larger than the last, it warns once per graph through {@code System.Logger} (logger
 * {@code io.github.gradgraph.graph}), naming the caller's line and the fix.
 */
final class GrowthGuard {
    /** Consecutive growing compiles of one graph before the warning. */
    static final int STREAK = 50;
    private static final System.Logger LOG = System.getLogger("io.github.gradgraph.graph");
    private static final Map<Graph, State> STATES = new WeakHashMap<>();

    private GrowthGuard() {
    }

    /** The compile history of one graph. */
    private static final class State {
        int lastSize;
        int growing;
        int firstSize;
        boolean warned;
    }

    /** @return the warning given, or null; called by every compile */
    static synchronized String compiled(Graph graph) {
        State s = STATES.computeIfAbsent(graph, g -> new State());
        int size = graph.size();
        if (s.lastSize > 0 && size > s.lastSize) {
            if (s.growing++ == 0) {
                s.firstSize = s.lastSize;
            }
        } else {
            s.growing = 0;
        }
        s.lastSize = size;
        if (s.growing < STREAK || s.warned) {
            return null;
        }
        s.warned = true;
        String message = "gradgraph: the graph grew from " + s.firstSize + " to " + size + " nodes over " + s.growing
                + " compiles (the last at " + CallSite.capture() + "): gradients or a program seem to be built inside "
                + "a loop. Build them once (Autodiff.gradients, Compiler.compile or ValueAndGrad.of) and run the "
                + "program many times; each step then derives and plans nothing.";
        LOG.log(System.Logger.Level.WARNING, message);
        return message;
    }
}
