package io.github.gradgraph.graph.ops;

import org.ejml.data.FMatrixRMaj;
import io.github.gradgraph.core.FloatUnaryOps;
import io.github.gradgraph.core.SmoothActivations;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;

/** GELU′(x) = Φ(x) + x·φ(x) in one pass, for GELU's VJP. ∂/∂x = φ(x)·(2 − x²). */
public record GeluDerivative() implements ElementwiseUnary {
    @Override
    public String name() {
        return "gelu_derivative";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        SmoothActivations.geluDerivative(in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatUnaryOps.geluDerivative(in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        Node x = out.input(0);
        return new Node[] {Ops.mul(g, Ops.mul(NormalCdf.normalPdf(x), Ops.shift(Ops.neg(Ops.mul(x, x)), 2)))};
    }
}
