package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ShapeException;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * Rows {@code from} … {@code from + count − 1} of X, every column: step t of a sequence batch whose steps are row
 * blocks. Linear; its VJP places the upstream gradient back in those rows of zeros ({@link RowPlace}), whose own VJP
 * is this slice again.
 *
 * @param from  the first row
 * @param count the rows taken, ≥ 1
 */
public record RowSlice(int from, int count) implements Float32Primitive {
    @Override
    public String name() {
        return "rows";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        Node x = inputs.get(0);
        if (x.shape().rows().isSymbolic()) {
            throw new ShapeException("rows " + x.describe() + ": needs a fixed number of rows");
        }
        int rows = x.shape().rows().size();
        if (from < 0 || count < 1 || from + count > rows) {
            throw new ShapeException("rows " + x.describe() + ": rows " + from + "…" + (from + count - 1)
                    + " run past its " + rows + " rows");
        }
        return Shape.of(count, x.shape().cols());
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        System.arraycopy(in[0].data, from * in[0].numCols, out.data, 0, count * in[0].numCols);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        System.arraycopy(in[0].data, from * in[0].numCols, out.data, 0, count * in[0].numCols);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {SequenceOps.rowPlace(g, from, out.input(0).shape().rows().size())};
    }
}
