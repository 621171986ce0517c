package io.github.gradgraph.graph.ops;

import org.ejml.data.FMatrixRMaj;
import io.github.gradgraph.core.FloatUnaryOps;
import io.github.gradgraph.core.SmoothActivations;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * The tanh approximation of GELU, ½x(1 + tanh u) = x·σ(2u) with u = √(2/π)·(x + 0.044715·x³).
 * ∂/∂x = s + x·s·(1 − s)·2u′ with s = σ(2u), 2u′ = 2√(2/π)·(1 + 3·0.044715·x²).
 */
public record GeluTanh() implements ElementwiseUnary {
    static final double K = 2 * Math.sqrt(2 / Math.PI);
    static final double A = 0.044715;

    @Override
    public String name() {
        return "gelu_tanh";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        SmoothActivations.geluTanh(in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatUnaryOps.geluTanh(in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        Node x = out.input(0);
        Node x2 = Ops.mul(x, x);
        Node s = Ops.sigmoid(Ops.scale(Ops.mul(x, Ops.shift(Ops.scale(x2, A), 1)), K));
        Node slope = Ops.scale(Ops.shift(Ops.scale(x2, 3 * A), 1), K);
        return new Node[] {Ops.mul(g, Ops.add(s, Ops.mul(Ops.mul(x, Ops.mul(s, Ops.oneMinus(s))), slope)))};
    }
}
