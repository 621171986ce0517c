package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.FloatReductions;
import io.github.gradgraph.core.Reductions;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * The maximum along an axis (0 → 1×m per column, 1 → n×1 per row). The whole upstream gradient goes to the first
 * arg-max; ties are kinks.
 *
 * @param axis 0 or 1
 */
public record Max(int axis) implements AxisReduction, PiecewiseByArgMax, Float32Primitive {
    public Max {
        if (Axes.check(axis) == Axes.ALL) {
            throw new IllegalArgumentException("max needs an axis, 0 or 1");
        }
    }

    @Override
    public String name() {
        return "max" + Axes.suffix(axis);
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        if (axis == 0) {
            Reductions.maxAcrossRows(in[0], out, null);
        } else {
            Reductions.maxAcrossColumns(in[0], out, null);
        }
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        if (axis == 0) {
            FloatReductions.maxAcrossRows(in[0], out, null);
        } else {
            FloatReductions.maxAcrossColumns(in[0], out, null);
        }
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        Node x = out.input(0);
        return new Node[] {Ops.mul(Ops.broadcastTo(g, x.shape()), Ops.argMaxMask(x, axis))};
    }
}
