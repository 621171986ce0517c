package io.github.gradgraph.graph.exec.fusion;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.exec.Step;

/**
 * A named fusion: recognizes a small pattern rooted at a node and returns one step computing the root's value from
 * the pattern's leaves. Rules never change values beyond rounding (each is property-tested against the unfused
 * program to 1e-12) and live here, never in the primitives.
 */
public interface FusionRule {
    /** @return a short name, e.g. "bias add into GEMM" */
    String name();

    /**
     * @param root a node of the program
     * @param uses how often each node of the program is read, by later nodes or as an output
     * @return the fused step computing {@code root}, or null when the pattern does not match
     */
    Step fuse(Node root, Uses uses);
}
