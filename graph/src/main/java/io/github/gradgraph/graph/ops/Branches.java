package io.github.gradgraph.graph.ops;

import org.ejml.data.DMatrixRMaj;

/** Fingerprints of the smooth piece each element is on, for {@code Primitive.branch}. */
final class Branches {
    private Branches() {
    }

    /** @return a hash of which side of 0 each element lies on (&gt; 0, &lt; 0, or exactly 0) */
    static long signs(DMatrixRMaj x) {
        long h = 1125899906842597L;
        for (int i = 0, n = x.getNumElements(); i < n; i++) {
            double v = x.data[i];
            h = 31 * h + (v > 0 ? 1 : v < 0 ? 2 : 3);
        }
        return h;
    }

    /** @return a hash of the arg-max positions along an axis (0: per column, 1: per row) */
    static long argMax(DMatrixRMaj x, int axis) {
        long h = 1125899906842597L;
        int outer = axis == 0 ? x.numCols : x.numRows;
        for (int o = 0; o < outer; o++) {
            h = 31 * h + io.github.gradgraph.core.Reductions.firstArgMax(x, axis, o);
        }
        return h;
    }
}
