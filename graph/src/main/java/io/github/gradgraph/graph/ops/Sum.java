package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.FloatReductions;
import io.github.gradgraph.core.Reductions;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * Σ over every element ({@code axis} −1 → 1×1), over the rows (axis 0 → 1×m) or over the columns (axis 1 → n×1,
 * the textbook's {@code np.sum(dZ, axis=1, keepdims=True)}). ∂/∂x spreads the upstream gradient back over the reduced
 * elements.
 *
 * @param axis −1, 0 or 1
 */
public record Sum(int axis) implements AxisReduction, Float32Primitive {
    public Sum {
        Axes.check(axis);
    }

    @Override
    public String name() {
        return "sum" + Axes.suffix(axis);
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
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        switch (axis) {
            case 0:
                FloatReductions.sumAcrossRows(in[0], out);
                break;
            case 1:
                FloatReductions.sumAcrossColumns(in[0], out);
                break;
            default:
                out.data[0] = (float) FloatReductions.sumAll(in[0]);
        }
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {Ops.broadcastTo(g, out.input(0).shape())};
    }
}
