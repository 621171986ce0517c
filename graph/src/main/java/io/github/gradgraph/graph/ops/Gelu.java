package io.github.gradgraph.graph.ops;

import org.ejml.data.FMatrixRMaj;
import io.github.gradgraph.core.FloatUnaryOps;
import io.github.gradgraph.core.SmoothActivations;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;

/** GELU, x·Φ(x) with Φ the standard normal CDF (exact, from erfc). ∂/∂x = Φ(x) + x·φ(x). */
public record Gelu() implements ElementwiseUnary {
    @Override
    public String name() {
        return "gelu";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        SmoothActivations.gelu(in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatUnaryOps.gelu(in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {Ops.mul(g, Ops.geluDerivative(out.input(0)))}; // one pass, not five
    }
}
