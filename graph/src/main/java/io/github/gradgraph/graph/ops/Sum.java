package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Reductions;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Primitive;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Σ over every element ({@code axis} −1 → 1×1), over the rows (axis 0 → 1×m) or over the columns (axis 1 → n×1,
 * the seed's {@code np.sum(dZ, axis=1, keepdims=True)}). ∂/∂x spreads the upstream gradient back over the reduced
 * elements.
 *
 * @param axis −1, 0 or 1
 */
public record Sum(int axis) implements Primitive {
    public Sum {
        Axes.check(axis);
    }

    @Override
    public String name() {
        return "sum" + Axes.suffix(axis);
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        return Axes.reduce(inputs.get(0).shape(), axis);
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        switch (axis) {
            case 0:
                Reductions.sumAcrossRows(in[0], out);
                break;
            case 1:
                Reductions.sumAcrossColumns(in[0], out);
                break;
            default:
                out.data[0] = Reductions.sumAll(in[0]);
        }
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {Ops.broadcastTo(g, out.input(0).shape())};
    }
}
