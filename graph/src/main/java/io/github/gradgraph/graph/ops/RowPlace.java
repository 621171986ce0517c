package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ShapeException;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * G placed in rows {@code from} … {@code from + rows(G) − 1} of a matrix of {@code total} rows, zeros elsewhere: the
 * adjoint of {@link RowSlice}, and its VJP (whose own VJP is the slice).
 *
 * @param from  the first row G goes to
 * @param total the rows of the result
 */
public record RowPlace(int from, int total) implements Float32Primitive {
    @Override
    public String name() {
        return "rows_placed";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        Node g = inputs.get(0);
        if (g.shape().rows().isSymbolic() || from < 0 || from + g.shape().rows().size() > total) {
            throw new ShapeException("rows_placed " + g.describe() + ": its rows do not fit from row " + from
                    + " in " + total);
        }
        return Shape.of(total, g.shape().cols());
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        int cols = in[0].numCols;
        int start = from * cols;
        int n = in[0].getNumElements();
        Arrays.fill(out.data, 0, start, 0);
        System.arraycopy(in[0].data, 0, out.data, start, n);
        Arrays.fill(out.data, start + n, total * cols, 0);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        int cols = in[0].numCols;
        int start = from * cols;
        int n = in[0].getNumElements();
        Arrays.fill(out.data, 0, start, 0);
        System.arraycopy(in[0].data, 0, out.data, start, n);
        Arrays.fill(out.data, start + n, total * cols, 0);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {SequenceOps.rowSlice(g, from, out.input(0).shape().rows().size())};
    }
}
