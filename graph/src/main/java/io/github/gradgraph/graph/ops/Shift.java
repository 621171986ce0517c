package io.github.gradgraph.graph.ops;

import org.ejml.data.FMatrixRMaj;
import io.github.gradgraph.core.FloatUnaryOps;
import io.github.gradgraph.core.UnaryOps;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;

/** x + c for a constant c. ∂/∂x = 1. */
public record Shift(double offset) implements ElementwiseUnary {
    @Override
    public String name() {
        return "shift";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        UnaryOps.shift(offset, in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatUnaryOps.shift((float) offset, in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {g};
    }
}
