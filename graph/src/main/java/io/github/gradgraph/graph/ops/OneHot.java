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
 * The one-hot vectors of token ids: ids of k × m → (k·V) × m, block i of column j the unit vector of ids[i, j] (all
 * zeros for −1). Not differentiable in the ids (they are integers): the VJP gives them none.
 *
 * @param vocabulary V
 */
public record OneHot(int vocabulary) implements Float32Primitive {
    public OneHot {
        if (vocabulary < 1) {
            throw new IllegalArgumentException("onehot needs a vocabulary of at least 1, got " + vocabulary);
        }
    }

    @Override
    public String name() {
        return "onehot";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        Node ids = inputs.get(0);
        if (ids.shape().rows().isSymbolic()) {
            throw new ShapeException("onehot " + ids.describe() + ": needs a fixed number of id rows");
        }
        return Shape.of(ids.shape().rows().size() * vocabulary, ids.shape().cols());
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        DMatrixRMaj ids = in[0];
        int m = ids.numCols;
        Arrays.fill(out.data, 0, ids.numRows * vocabulary * m, 0);
        for (int i = 0, n = ids.getNumElements(); i < n; i++) {
            int id = TokenIds.check("onehot", ids.data[i], i, m, vocabulary);
            if (id >= 0) {
                out.data[((i / m) * vocabulary + id) * m + i % m] = 1;
            }
        }
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FMatrixRMaj ids = in[0];
        int m = ids.numCols;
        Arrays.fill(out.data, 0, ids.numRows * vocabulary * m, 0);
        for (int i = 0, n = ids.getNumElements(); i < n; i++) {
            int id = TokenIds.check("onehot", ids.data[i], i, m, vocabulary);
            if (id >= 0) {
                out.data[((i / m) * vocabulary + id) * m + i % m] = 1;
            }
        }
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {null};
    }
}
