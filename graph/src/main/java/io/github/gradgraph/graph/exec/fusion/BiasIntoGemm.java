package io.github.gradgraph.graph.exec.fusion;

import io.github.gradgraph.core.FloatFusedOps;
import io.github.gradgraph.core.FusedOps;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.exec.Step;
import io.github.gradgraph.graph.ops.Add;
import io.github.gradgraph.graph.ops.MatMul;
import java.util.List;

/**
 * Z = op(A)·op(B) + b → one GEMM writing into C prefilled with b (β = 1): the classic network's W[l]·A[l−1] + b[l]
 * without a separate pass for the bias. Fires when the product is read only by the add and has the sum's shape.
 */
public final class BiasIntoGemm implements FusionRule {
    @Override
    public String name() {
        return "bias add into GEMM";
    }

    @Override
    public Step fuse(Node root, Uses uses) {
        if (!(root.op() instanceof Add)) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            Node product = root.input(side);
            Node bias = root.input(1 - side);
            if (product.op() instanceof MatMul mm && uses.once(product) && product.shape().equals(root.shape())) {
                return new Step(root, List.of(product.input(0), product.input(1), bias),
                        (in, out) -> FusedOps.biasGemm(1.0, mm.transA(), mm.transB(), in[0], in[1], in[2], out),
                        (in, out) -> FloatFusedOps.biasGemm(1f, mm.transA(), mm.transB(), in[0], in[1], in[2], out),
                        name());
            }
        }
        return null;
    }
}
