package io.github.gradgraph.graph.ops;

import org.ejml.data.FMatrixRMaj;
import io.github.gradgraph.core.FloatUnaryOps;
import io.github.gradgraph.core.SmoothActivations;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;

/** Φ(x), the standard normal CDF ½·erfc(−x/√2). ∂/∂x = φ(x) = e^(−x²/2)/√(2π). */
public record NormalCdf() implements ElementwiseUnary {
    @Override
    public String name() {
        return "normal_cdf";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        SmoothActivations.normalCdf(in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatUnaryOps.normalCdf(in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {Ops.mul(g, normalPdf(out.input(0)))};
    }

    /** @return φ(x) = e^(−x²/2)/√(2π) as nodes */
    static Node normalPdf(Node x) {
        return Ops.scale(Ops.exp(Ops.scale(Ops.mul(x, x), -0.5)), 1 / Math.sqrt(2 * Math.PI));
    }
}
