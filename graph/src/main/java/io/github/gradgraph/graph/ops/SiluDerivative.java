package io.github.gradgraph.graph.ops;

import org.ejml.data.FMatrixRMaj;
import io.github.gradgraph.core.FloatUnaryOps;
import io.github.gradgraph.core.SmoothActivations;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;

/** SiLU′(x) = σ(x)·(1 + x·(1 − σ(x))) in one pass, for SiLU's VJP. ∂/∂x = σ(x)(1 − σ(x))·(2 + x·(1 − 2σ(x))). */
public record SiluDerivative() implements ElementwiseUnary {
    @Override
    public String name() {
        return "silu_derivative";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        SmoothActivations.siluDerivative(in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatUnaryOps.siluDerivative(in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        Node x = out.input(0);
        Node s = Ops.sigmoid(x);
        Node curve = Ops.shift(Ops.mul(x, Ops.oneMinus(Ops.scale(s, 2))), 2);
        return new Node[] {Ops.mul(g, Ops.mul(Ops.mul(s, Ops.oneMinus(s)), curve))};
    }
}
