package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.FloatUnaryOps;
import io.github.gradgraph.core.UnaryOps;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/** sign(x) ∈ {−1, 0, 1}: piecewise constant, so its derivative is zero wherever it exists. */
public record Sign() implements PiecewiseBySign, Float32Primitive {
    @Override
    public String name() {
        return "sign";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        UnaryOps.sign(in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatUnaryOps.sign(in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {null};
    }
}
