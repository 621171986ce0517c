package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.BroadcastOps;
import io.github.gradgraph.core.FloatBroadcastOps;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ShapeException;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * Spreads a value to a larger shape by broadcasting (a 1×1 everywhere, an n×1 across columns, a 1×m across rows).
 * Its VJP passes the gradient through; the engine sums it back to the operand's shape.
 *
 * @param target the shape to fill; may hold the batch dimension m
 */
public record BroadcastTo(Shape target) implements Float32Primitive {
    @Override
    public String name() {
        return "broadcast_to";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        Node x = inputs.get(0);
        if (!target.equals(Shape.broadcast(x.shape(), target))) {
            throw new ShapeException("broadcast_to " + x.describe() + " → " + target
                    + ": each dimension must be equal or 1");
        }
        return target;
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        out.zero();
        BroadcastOps.add(out, in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        out.zero();
        FloatBroadcastOps.add(out, in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {g};
    }
}
