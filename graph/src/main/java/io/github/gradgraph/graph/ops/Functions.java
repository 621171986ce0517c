package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;

/**
 * Composite functions: graph-building code over the primitives with no derivative rule of their own, so their
 * gradients are derived like any user's code. Softmax-family functions work per column (features × samples).
 */
public final class Functions {
    private Functions() {
    }

    /** @return the mean of every element, 1×1; with the batch dimension the count is bound per run */
    public static Node mean(Node x) {
        return divideByCount(Ops.sum(x), x, Axes.ALL).asComposite("mean");
    }

    /** @return the mean along an axis: axis 0 over rows → 1×m, axis 1 over columns → n×1 */
    public static Node mean(Node x, int axis) {
        return divideByCount(Ops.sum(x, axis), x, axis).asComposite("mean");
    }

    /**
     * log Σᵢ exp(x[i, j]) per column, 1×m, computed as c + log Σ exp(x − c) with c the column maximum held constant
     * (stop-gradient), so it never overflows and its gradient is exactly the softmax.
     */
    public static Node logSumExp(Node x) {
        Node c = Ops.stopGradient(Ops.max(x, 0));
        return Ops.add(c, Ops.log(Ops.sum(Ops.exp(Ops.sub(x, c)), 0))).asComposite("logSumExp");
    }

    /** @return x − logsumexp(x) per column */
    public static Node logSoftmax(Node x) {
        return Ops.sub(x, logSumExp(x)).asComposite("logSoftmax");
    }

    /** @return exp(x − logsumexp(x)) per column: each column is positive and sums to 1 */
    public static Node softmax(Node x) {
        return Ops.exp(logSoftmax(x)).asComposite("softmax");
    }

    private static Node divideByCount(Node sum, Node x, int axis) {
        Shape s = x.shape();
        boolean fixed = axis == 0 ? !s.rows().isSymbolic() : axis == 1 ? !s.cols().isSymbolic() : s.isFixed();
        if (fixed) {
            double count = axis == 0 ? s.rows().size() : axis == 1 ? s.cols().size()
                    : (double) s.rows().size() * s.cols().size();
            return Ops.scale(sum, 1.0 / count);
        }
        return Ops.div(sum, Ops.size(x, axis));
    }
}
