package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ShapeException;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * E[:, ids]: for token ids of k × m, the (k·n) × m matrix whose row block i of column j is column ids[i, j] of E
 * (n × V) — an embedding lookup, and W·onehot(ids) without the product. An id of −1 gives a zero block. Linear in E:
 * the VJP adds each block of the upstream gradient back into the column it came from ({@link ScatterAdd}); the ids get
 * no gradient.
 */
public record Gather() implements Float32Primitive {
    @Override
    public String name() {
        return "gather";
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        Node e = inputs.get(0);
        Node ids = inputs.get(1);
        if (e.shape().rows().isSymbolic() || e.shape().cols().isSymbolic() || ids.shape().rows().isSymbolic()) {
            throw new ShapeException("gather " + e.describe() + " at " + ids.describe() + ": needs a table of fixed "
                    + "size and a fixed number of id rows");
        }
        return Shape.of(ids.shape().rows().size() * e.shape().rows().size(), ids.shape().cols());
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        DMatrixRMaj e = in[0];
        DMatrixRMaj ids = in[1];
        int n = e.numRows;
        int v = e.numCols;
        int m = ids.numCols;
        for (int i = 0, k = ids.numRows; i < k; i++) {
            for (int j = 0; j < m; j++) {
                int id = TokenIds.check("gather", ids.data[i * m + j], i * m + j, m, v);
                int base = i * n * m + j;
                for (int r = 0; r < n; r++) {
                    out.data[base + r * m] = id < 0 ? 0 : e.data[r * v + id];
                }
            }
        }
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FMatrixRMaj e = in[0];
        FMatrixRMaj ids = in[1];
        int n = e.numRows;
        int v = e.numCols;
        int m = ids.numCols;
        for (int i = 0, k = ids.numRows; i < k; i++) {
            for (int j = 0; j < m; j++) {
                int id = TokenIds.check("gather", ids.data[i * m + j], i * m + j, m, v);
                int base = i * n * m + j;
                for (int r = 0; r < n; r++) {
                    out.data[base + r * m] = id < 0 ? 0 : e.data[r * v + id];
                }
            }
        }
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {SequenceOps.scatterAdd(g, out.input(1), out.input(0).shape().cols().size()), null};
    }
}
