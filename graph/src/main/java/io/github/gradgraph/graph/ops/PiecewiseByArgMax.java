package io.github.gradgraph.graph.ops;

import io.github.gradgraph.graph.Primitive;
import org.ejml.data.DMatrixRMaj;

/** A primitive of one operand whose smooth piece is set by the arg-max along {@link #axis()}: ties are kinks. */
interface PiecewiseByArgMax extends Primitive {
    /** @return 0 (per column) or 1 (per row) */
    int axis();

    @Override
    default long branch(DMatrixRMaj[] in) {
        return Branches.argMax(in[0], axis());
    }

    @Override
    default boolean piecewise() {
        return true;
    }
}
