package io.github.gradgraph.graph.ops;

import org.ejml.data.FMatrixRMaj;
import io.github.gradgraph.core.FloatBroadcastOps;
import io.github.gradgraph.core.BroadcastOps;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;

/** a ⊘ b (elementwise quotient), broadcast. ∂/∂a = 1/b, ∂/∂b = −a/b² = −(a/b)/b. */
public record Div() implements BroadcastBinary {
    @Override
    public String name() {
        return "div";
    }

    @Override
    public String symbol() {
        return "⊘";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        BroadcastOps.div(in[0], in[1], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatBroadcastOps.div(in[0], in[1], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        Node b = out.input(1);
        return new Node[] {Ops.div(g, b), Ops.neg(Ops.mul(g, Ops.div(out, b)))};
    }
}
