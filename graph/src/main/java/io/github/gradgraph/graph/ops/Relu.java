package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.FloatUnaryOps;
import io.github.gradgraph.core.UnaryOps;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/** max(x, 0). ∂/∂x = 1[x &gt; 0], with a kink at 0. */
public record Relu() implements PiecewiseBySign, Float32Primitive {
    @Override
    public String name() {
        return "relu";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        UnaryOps.relu(in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatUnaryOps.relu(in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {Ops.mul(g, Ops.step(out.input(0)))};
    }
}
