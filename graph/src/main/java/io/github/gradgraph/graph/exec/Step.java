package io.github.gradgraph.graph.exec;

import io.github.gradgraph.graph.Node;
import java.util.List;

/**
 * One step of a compiled program: computes {@code node}'s value from the values of {@code args} with {@code kernel}.
 * A plain step runs the node's own primitive on its inputs; a fused step (named by {@code fusion}) computes the same
 * value from further-back nodes in one kernel, so the nodes in between need no buffer and no pass of their own.
 *
 * @param node   the node whose value the step computes
 * @param args   the nodes whose values the kernel reads, computed by earlier steps
 * @param kernel the computation
 * @param fusion the name of the fusion rule that made it, or null for a plain step
 */
public record Step(Node node, List<Node> args, Kernel kernel, String fusion) {
    public Step {
        args = List.copyOf(args);
    }

    /** @return the plain step of a node: its primitive applied to its inputs */
    public static Step plain(Node node) {
        return new Step(node, node.inputs(), node.op()::forward, null);
    }
}
