package io.github.gradgraph.graph.ops;

import org.ejml.data.FMatrixRMaj;
import io.github.gradgraph.core.FloatBroadcastOps;
import io.github.gradgraph.core.BroadcastOps;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;

/** a ⊙ b (elementwise product), broadcast. ∂/∂a = b, ∂/∂b = a. */
public record Mul() implements BroadcastBinary {
    @Override
    public String name() {
        return "mul";
    }

    @Override
    public String symbol() {
        return "⊙";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        BroadcastOps.mul(in[0], in[1], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatBroadcastOps.mul(in[0], in[1], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {Ops.mul(g, out.input(1)), Ops.mul(g, out.input(0))};
    }
}
