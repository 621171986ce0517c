package io.github.gradgraph.graph.exec.fusion;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.exec.Step;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a program's nodes, in topological order, into its steps: every node a plain step, except where a {@link
 * FusionRule} fuses a pattern into one step; nodes that no step reads any more (absorbed by a fusion) are dropped.
 */
public final class Fuser {
    private final List<FusionRule> rules;

    /** @param rules tried in order at each node; the first that matches wins */
    public Fuser(List<FusionRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** @return the standard fusions: 1/m and bias into GEMM, activation derivative ⊙ upstream in one pass */
    public static Fuser standard() {
        return new Fuser(List.of(new BiasIntoGemm(), new ScaleIntoGemm(), new MaskedProduct()));
    }

    /** @return the rules, in the order they are tried */
    public List<FusionRule> rules() {
        return rules;
    }

    /** @return a fuser that fuses nothing: one plain step per node */
    public static Fuser none() {
        return new Fuser(List.of());
    }

    /**
     * @param order   the needed nodes, in topological order
     * @param outputs the program's outputs
     * @return the steps, in an order where every step's arguments come earlier
     */
    public List<Step> plan(List<Node> order, List<Node> outputs) {
        Uses uses = new Uses(order, outputs);
        Map<Node, Step> steps = new IdentityHashMap<>();
        for (Node n : order) {
            Step s = null;
            for (int r = 0; r < rules.size() && s == null; r++) {
                s = rules.get(r).fuse(n, uses);
            }
            steps.put(n, s == null ? Step.plain(n) : s);
        }
        Map<Node, Boolean> live = new IdentityHashMap<>();
        for (Node out : outputs) {
            live.put(out, true);
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            if (live.containsKey(n)) {
                for (Node arg : steps.get(n).args()) {
                    live.put(arg, true);
                }
            }
        }
        List<Step> plan = new ArrayList<>();
        for (Node n : order) {
            if (live.containsKey(n)) {
                plan.add(steps.get(n));
            }
        }
        return plan;
    }
}
