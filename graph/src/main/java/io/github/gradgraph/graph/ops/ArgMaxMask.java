package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * The one-hot mask of the first arg-max along an axis, of the operand's shape: 1 where the maximum is, 0 elsewhere.
 * Piecewise constant, so it passes no gradient; it jumps where the arg-max changes.
 *
 * @param axis 0 (one 1 per column) or 1 (one 1 per row)
 */
public record ArgMaxMask(int axis) implements PiecewiseByArgMax, Float32Primitive {
    public ArgMaxMask {
        if (Axes.check(axis) == Axes.ALL) {
            throw new IllegalArgumentException("arg-max mask needs an axis, 0 or 1");
        }
    }

    @Override
    public String name() {
        return "argmax_mask" + Axes.suffix(axis);
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        return inputs.get(0).shape();
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        DMatrixRMaj x = in[0];
        out.zero();
        int outer = axis == 0 ? x.numCols : x.numRows;
        for (int o = 0; o < outer; o++) {
            int best = io.github.gradgraph.core.Reductions.firstArgMax(x, axis, o);
            if (axis == 0) {
                out.set(best, o, 1.0);
            } else {
                out.set(o, best, 1.0);
            }
        }
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FMatrixRMaj x = in[0];
        out.zero();
        int outer = axis == 0 ? x.numCols : x.numRows;
        for (int o = 0; o < outer; o++) {
            int best = io.github.gradgraph.core.FloatReductions.firstArgMax(x, axis, o);
            if (axis == 0) {
                out.set(best, o, 1f);
            } else {
                out.set(o, best, 1f);
            }
        }
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {null};
    }
}
