package io.github.gradgraph.graph.ops;

import org.ejml.data.FMatrixRMaj;
import io.github.gradgraph.core.FloatUnaryOps;
import io.github.gradgraph.core.UnaryOps;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;

/** √x. ∂/∂x = 1/(2√x). */
public record Sqrt() implements ElementwiseUnary {
    @Override
    public String name() {
        return "sqrt";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        UnaryOps.sqrt(in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatUnaryOps.sqrt(in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {Ops.div(g, Ops.scale(out, 2.0))};
    }
}
