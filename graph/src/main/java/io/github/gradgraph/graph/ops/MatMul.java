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
 * C = op(A)·op(B), where op transposes when its flag is set; the transposed forms run transposed GEMM kernels with no
 * transpose materialized. For C = A·B: ∂/∂A = G·Bᵀ, ∂/∂B = Aᵀ·G; the other forms follow by transposing.
 *
 * @param transA whether A enters transposed
 * @param transB whether B enters transposed
 */
public record MatMul(boolean transA, boolean transB) implements Float32Primitive {
    @Override
    public String name() {
        return "matmul";
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        Node a = inputs.get(0);
        Node b = inputs.get(1);
        Shape sa = transA ? a.shape().transpose() : a.shape();
        Shape sb = transB ? b.shape().transpose() : b.shape();
        Dim inner = sa.cols();
        if (!inner.equals(sb.rows())) {
            throw new ShapeException("matmul " + a.describe() + (transA ? "ᵀ" : "") + " · " + b.describe()
                    + (transB ? "ᵀ" : "") + ": inner dimensions " + inner + " ≠ " + sb.rows());
        }
        return new Shape(sa.rows(), sb.cols());
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        io.github.gradgraph.core.MatMul.mult(transA, transB, in[0], in[1], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        io.github.gradgraph.core.MatMul.mult(transA, transB, in[0], in[1], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        Node a = out.input(0);
        Node b = out.input(1);
        if (!transA && !transB) {
            return new Node[] {Ops.matmul(g, b, false, true), Ops.matmul(a, g, true, false)};
        }
        if (transA && !transB) {
            return new Node[] {Ops.matmul(b, g, false, true), Ops.matmul(a, g, false, false)};
        }
        if (!transA) {
            return new Node[] {Ops.matmul(g, b, false, false), Ops.matmul(g, a, true, false)};
        }
        return new Node[] {Ops.matmul(b, g, true, true), Ops.matmul(g, a, true, true)};
    }
}
