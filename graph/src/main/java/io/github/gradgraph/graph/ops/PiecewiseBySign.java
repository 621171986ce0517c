package io.github.gradgraph.graph.ops;

import org.ejml.data.DMatrixRMaj;

/**
 * An elementwise primitive whose only kink or jump is at 0 (relu, leaky relu, abs, sign, step): the smooth piece an
 * element is on is the side of 0 it lies on.
 */
interface PiecewiseBySign extends ElementwiseUnary {
    @Override
    default long branch(DMatrixRMaj[] in) {
        return Branches.signs(in[0]);
    }

    @Override
    default boolean piecewise() {
        return true;
    }
}
