package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;

/** Xᵀ. The gradient is the upstream gradient transposed back. */
public record Transpose() implements Float32Primitive {
    @Override
    public String name() {
        return "transpose";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        return inputs.get(0).shape().transpose();
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        CommonOps_DDRM.transpose(in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        CommonOps_FDRM.transpose(in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {Ops.transpose(g)};
    }
}
