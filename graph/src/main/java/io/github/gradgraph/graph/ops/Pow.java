package io.github.gradgraph.graph.ops;

import org.ejml.data.FMatrixRMaj;
import io.github.gradgraph.core.FloatUnaryOps;
import io.github.gradgraph.core.UnaryOps;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;

/** xᵖ for a constant exponent p. ∂/∂x = p·xᵖ⁻¹. */
public record Pow(double exponent) implements ElementwiseUnary {
    @Override
    public String name() {
        return "pow";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        UnaryOps.pow(in[0], exponent, out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatUnaryOps.pow(in[0], exponent, out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {Ops.mul(g, Ops.scale(Ops.pow(out.input(0), exponent - 1), exponent))};
    }
}
