package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Reductions;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Primitive;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The maximum along an axis (0 → 1×m per column, 1 → n×1 per row). The whole upstream gradient goes to the first
 * arg-max; ties are kinks.
 *
 * @param axis 0 or 1
 */
public record Max(int axis) implements Primitive {
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
    public int arity() {
        return 1;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        return Axes.reduce(inputs.get(0).shape(), axis);
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
    public Node[] vjp(Node out, Node g) {
        Node x = out.input(0);
        return new Node[] {Ops.mul(Ops.broadcastTo(g, x.shape()), Ops.argMaxMask(x, axis))};
    }

    @Override
    public long branch(DMatrixRMaj[] in) {
        return Branches.argMax(in[0], axis);
    }

    @Override
    public boolean piecewise() {
        return true;
    }
}
