package io.github.gradgraph.graph.exec;

import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import java.util.List;

/**
 * One step of a compiled program: computes {@code node}'s value from the values of {@code args} with {@code kernel}
 * (float64) or {@code kernel32} (float32). A plain step runs the node's own primitive on its inputs; a fused step
 * (named by {@code fusion}) computes the same value from further-back nodes in one kernel, so the nodes in between
 * need no buffer and no pass of their own.
 *
 * @param node     the node whose value the step computes
 * @param args     the nodes whose values the kernel reads, computed by earlier steps
 * @param kernel   the float64 computation
 * @param kernel32 the float32 computation, or null when there is none: a float32 program then runs {@code kernel} on
 *                 widened operands ({@link WidenedKernel})
 * @param fusion   the name of the fusion rule that made it, or null for a plain step
 */
public record Step(Node node, List<Node> args, Kernel kernel, Kernel32 kernel32, String fusion) {
    public Step {
        args = List.copyOf(args);
    }

    /** A step with a float64 kernel only. */
    public Step(Node node, List<Node> args, Kernel kernel, String fusion) {
        this(node, args, kernel, null, fusion);
    }

    /** @return the plain step of a node: its primitive applied to its inputs, in either dtype */
    public static Step plain(Node node) {
        Kernel32 k32 = node.op() instanceof Float32Primitive f ? f::forward : null;
        return new Step(node, node.inputs(), node.op()::forward, k32, null);
    }
}
