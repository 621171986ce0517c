package io.github.gradgraph.graph.ops;

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
    public Node[] vjp(Node out, Node g) {
        return new Node[] {g};
    }
}
