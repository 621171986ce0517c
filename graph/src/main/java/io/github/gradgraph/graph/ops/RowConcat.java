package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ShapeException;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * [A; B; …]: operands stacked by rows, as an LSTM gate reads [a⟨t−1⟩; x⟨t⟩]. Linear; the VJP hands each operand its
 * rows of the upstream gradient ({@link RowSlice}).
 *
 * @param parts the number of operands, ≥ 1
 */
public record RowConcat(int parts) implements Float32Primitive {
    public RowConcat {
        if (parts < 1) {
            throw new IllegalArgumentException("row_concat needs at least one operand");
        }
    }

    @Override
    public String name() {
        return "row_concat";
    }

    @Override
    public int arity() {
        return parts;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        Dim cols = inputs.get(0).shape().cols();
        int rows = 0;
        for (Node in : inputs) {
            if (in.shape().rows().isSymbolic()) {
                throw new ShapeException("row_concat " + in.describe() + ": needs a fixed number of rows");
            }
            if (!in.shape().cols().equals(cols)) {
                throw new ShapeException("row_concat " + inputs.get(0).describe() + " and " + in.describe()
                        + ": columns " + cols + " ≠ " + in.shape().cols());
            }
            rows += in.shape().rows().size();
        }
        return Shape.of(rows, cols);
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        int at = 0;
        for (DMatrixRMaj part : in) {
            int n = part.getNumElements();
            System.arraycopy(part.data, 0, out.data, at, n);
            at += n;
        }
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        int at = 0;
        for (FMatrixRMaj part : in) {
            int n = part.getNumElements();
            System.arraycopy(part.data, 0, out.data, at, n);
            at += n;
        }
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        Node[] grads = new Node[parts];
        int from = 0;
        for (int i = 0; i < parts; i++) {
            int rows = out.input(i).shape().rows().size();
            grads[i] = SequenceOps.rowSlice(g, from, rows);
            from += rows;
        }
        return grads;
    }
}
