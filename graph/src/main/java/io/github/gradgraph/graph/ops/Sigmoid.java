package io.github.gradgraph.graph.ops;

import org.ejml.data.FMatrixRMaj;
import io.github.gradgraph.core.FloatUnaryOps;
import io.github.gradgraph.core.UnaryOps;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;

/** σ(x) = 1/(1 + e⁻ˣ), evaluated stably. ∂/∂x = σ(x)(1 − σ(x)). */
public record Sigmoid() implements ElementwiseUnary {
    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        UnaryOps.sigmoid(in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatUnaryOps.sigmoid(in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {Ops.mul(g, Ops.mul(out, Ops.oneMinus(out)))};
    }
}
