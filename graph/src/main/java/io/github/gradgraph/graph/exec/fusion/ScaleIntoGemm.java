package io.github.gradgraph.graph.exec.fusion;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.exec.Step;
import io.github.gradgraph.graph.ops.Div;
import io.github.gradgraph.graph.ops.MatMul;
import io.github.gradgraph.graph.ops.Mul;
import io.github.gradgraph.graph.ops.Scale;
import java.util.List;

/**
 * (op(A)·op(B)) ⊘ s, s ⊙ (op(A)·op(B)) or c·(op(A)·op(B)) for a 1×1 s or a constant c → one GEMM with α = 1/s, s or
 * c: the textbook's dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ with the 1/m folded into GEMM's α instead of a pass of its own. Fires when
 * the product is read only by the scaling.
 */
public final class ScaleIntoGemm implements FusionRule {
    @Override
    public String name() {
        return "scale into GEMM's α";
    }

    @Override
    public Step fuse(Node root, Uses uses) {
        if (root.op() instanceof Scale sc) {
            Node p = root.input(0);
            if (isProduct(p, uses)) {
                MatMul mm = (MatMul) p.op();
                double alpha = sc.factor();
                return new Step(root, p.inputs(), (in, out) -> io.github.gradgraph.core.MatMul.gemm(alpha,
                        mm.transA(), mm.transB(), in[0], in[1], 0.0, out),
                        (in, out) -> io.github.gradgraph.core.MatMul.gemm((float) alpha, mm.transA(), mm.transB(),
                                in[0], in[1], 0f, out), name());
            }
            return null;
        }
        boolean div = root.op() instanceof Div;
        if (!div && !(root.op() instanceof Mul)) {
            return null;
        }
        for (int side = 0; side < (div ? 1 : 2); side++) {
            Node p = root.input(side);
            Node s = root.input(1 - side);
            if (isProduct(p, uses) && s.shape().isScalar() && p.shape().equals(root.shape())) {
                MatMul mm = (MatMul) p.op();
                return new Step(root, List.of(p.input(0), p.input(1), s), (in, out) -> {
                    double v = in[2].data[0];
                    io.github.gradgraph.core.MatMul.gemm(div ? 1.0 / v : v, mm.transA(), mm.transB(), in[0], in[1],
                            0.0, out);
                }, (in, out) -> {
                    float v = in[2].data[0];
                    io.github.gradgraph.core.MatMul.gemm(div ? 1f / v : v, mm.transA(), mm.transB(), in[0], in[1],
                            0f, out);
                }, name());
            }
        }
        return null;
    }

    private static boolean isProduct(Node n, Uses uses) {
        return n.op() instanceof MatMul && uses.once(n);
    }
}
