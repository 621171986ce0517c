package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.FloatUnaryOps;
import io.github.gradgraph.core.UnaryOps;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * The indicator-like step: {@code above} where x &gt; 0, {@code below} elsewhere (1[x &gt; 0] with (0, 1)). Piecewise
 * constant: its derivative is zero wherever it exists; it jumps at 0.
 */
public record Step(double below, double above) implements PiecewiseBySign, Float32Primitive {
    @Override
    public String name() {
        return "step";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        UnaryOps.step(below, above, in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatUnaryOps.step((float) below, (float) above, in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {null};
    }
}
