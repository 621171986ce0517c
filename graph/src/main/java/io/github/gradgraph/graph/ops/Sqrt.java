package io.github.gradgraph.graph.ops;

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
    public Node[] vjp(Node out, Node g) {
        return new Node[] {Ops.div(g, Ops.scale(out, 2.0))};
    }
}
