package io.github.gradgraph.nn;

import io.github.gradgraph.graph.Node;

/**
 * A loss J built from graph ops: any formula of the logits Z[L], the output A[L] and the labels Y, reduced to 1×1.
 * Its gradient is derived like everything else, so a custom loss (a class-weighted or focal loss, say) needs no
 * hand-derived dA[L].
 */
@FunctionalInterface
public interface LossFunction {
    /**
     * @param logits Z[L], n[L]×m
     * @param output A[L] = g[L](Z[L]), n[L]×m
     * @param labels Y, n[L]×m
     * @return J, 1×1
     */
    Node build(Node logits, Node output, Node labels);
}
