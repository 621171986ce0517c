package io.github.gradgraph.graph.autodiff;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Ops;

/**
 * Sums a gradient contribution back to the shape of the operand it is for: the adjoint of broadcasting. A 1×1 or
 * n×1 or 1×m operand that was spread over a larger output receives the sum over the spread dimension(s).
 */
final class BroadcastReduction {
    private BroadcastReduction() {
    }

    /**
     * @param grad   a contribution, of the consumer's output shape or already of the operand's
     * @param target the operand's shape
     * @param at     the consumer, for the error message
     * @return {@code grad} itself when shapes match, else its sum over the broadcast dimensions
     */
    static Node sumTo(Node grad, Shape target, Node at) {
        Shape s = grad.shape();
        if (s.equals(target)) {
            return grad;
        }
        boolean rows = target.rows().isOne() && !s.rows().isOne();
        boolean cols = target.cols().isOne() && !s.cols().isOne();
        boolean rowsOk = rows || s.rows().equals(target.rows());
        boolean colsOk = cols || s.cols().equals(target.cols());
        if (!rowsOk || !colsOk) {
            throw new GraphException("the gradient rule of " + at.op().name() + " at " + at.describe()
                    + " gave a " + s + " gradient for a " + target + " operand");
        }
        if (rows && cols) {
            return Ops.sum(grad);
        }
        return rows ? Ops.sum(grad, 0) : Ops.sum(grad, 1);
    }
}
