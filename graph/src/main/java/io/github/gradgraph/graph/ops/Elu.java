package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.FloatUnaryOps;
import io.github.gradgraph.core.SmoothActivations;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * ELU, x where x &gt; 0, α·(eˣ − 1) elsewhere. ∂/∂x = 1 where x &gt; 0, α·eˣ = ELU(x) + α elsewhere: continuous for
 * α = 1, with a kink in the second derivative at 0 (so second-order checks count 0 as a kink).
 */
public record Elu(double alpha) implements PiecewiseBySign, Float32Primitive {
    @Override
    public String name() {
        return "elu";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        SmoothActivations.elu(alpha, in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatUnaryOps.elu(alpha, in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        Node x = out.input(0);
        return new Node[] {Ops.mul(g, Ops.add(Ops.step(x), Ops.mul(Ops.step(x, 1, 0), Ops.shift(out, alpha))))};
    }
}
