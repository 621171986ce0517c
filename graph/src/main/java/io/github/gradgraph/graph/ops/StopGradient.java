package io.github.gradgraph.graph.ops;

import org.ejml.data.FMatrixRMaj;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * The identity in value; no gradient flows through it. Used where a quantity must be treated as a constant, such as the
 * maximum subtracted in a stable log-sum-exp.
 */
public record StopGradient() implements ElementwiseUnary {
    @Override
    public String name() {
        return "stop_gradient";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        out.setTo(in[0]);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        out.setTo(in[0]);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {null};
    }
}
