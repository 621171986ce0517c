package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.UnaryOps;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;

/** |x|. ∂/∂x = sign(x), with a kink at 0. */
public record Abs() implements PiecewiseBySign {
    @Override
    public String name() {
        return "abs";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        UnaryOps.abs(in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {Ops.mul(g, Ops.sign(out.input(0)))};
    }
}
