package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * The number of elements that {@code sum(x, axis)} adds up, as a 1×1 value: rows·cols for every element, rows for
 * axis 0, cols for axis 1. With the batch dimension this is m at run time, which makes a mean over samples the
 * textbook's (1/m)·Σ for every batch size. It depends on the operand's shape only, so no gradient flows into it.
 *
 * @param axis −1, 0 or 1
 */
public record Size(int axis) implements Float32Primitive {
    public Size {
        Axes.check(axis);
    }

    @Override
    public String name() {
        return "size" + Axes.suffix(axis);
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        return Shape.SCALAR;
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        DMatrixRMaj x = in[0];
        out.data[0] = axis == 0 ? x.numRows : axis == 1 ? x.numCols : (double) x.numRows * x.numCols;
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FMatrixRMaj x = in[0];
        out.data[0] = axis == 0 ? x.numRows : axis == 1 ? x.numCols : (float) ((double) x.numRows * x.numCols);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {null};
    }
}
