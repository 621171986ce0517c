package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.FloatUnaryOps;
import io.github.gradgraph.core.UnaryOps;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/** x where x &gt; 0, α·x elsewhere. ∂/∂x = 1 where x &gt; 0, α elsewhere, with a kink at 0. */
public record LeakyRelu(double alpha) implements PiecewiseBySign, Float32Primitive {
    @Override
    public String name() {
        return "leaky_relu";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        UnaryOps.leakyRelu(alpha, in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatUnaryOps.leakyRelu((float) alpha, in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {Ops.mul(g, Ops.step(out.input(0), alpha, 1.0))};
    }
}
