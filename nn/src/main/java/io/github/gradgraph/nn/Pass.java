package io.github.gradgraph.nn;

import io.github.gradgraph.graph.Node;
import java.util.List;

/**
 * One forward pass of a {@link Network} as graph nodes, in one of its modes: Z[l] and A[l] per layer, A[L], J, and
 * the batch statistics μ[l], σ²[l] of the batch-normalized layers (empty when there are none, or in inference, where
 * the running statistics stand in for them).
 *
 * @param z         Z[l] for l in 0..L (entry 0 is null): W[l]·A[l−1], plus b[l] where there is no batch norm
 * @param a         A[l] for l in 0..L (A[0] = X)
 * @param dataLoss  J without the L2 term
 * @param loss      J
 * @param means     μ[l] of each batch-normalized layer, in layer order
 * @param variances σ²[l] (biased, over the batch) of each batch-normalized layer, in layer order
 */
record Pass(List<Node> z, List<Node> a, Node dataLoss, Node loss, List<Node> means, List<Node> variances) {
    Pass {
        z = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(z)); // entry 0 is null
        a = List.copyOf(a);
        means = List.copyOf(means);
        variances = List.copyOf(variances);
    }

    /** @return A[L] */
    Node output() {
        return a.get(a.size() - 1);
    }
}
