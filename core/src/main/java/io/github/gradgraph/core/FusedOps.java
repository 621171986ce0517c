package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Kernels that do in one pass what a chain of simpler kernels does in several, for the compiler's fused steps:
 * a bias added by the matrix product itself (C prefilled with the bias, then C += α·op(A)·op(B)), and an activation
 * derivative applied to the upstream gradient without materializing the derivative. Each computes the same values
 * as its unfused chain up to rounding. Output last, written in place, nothing allocated.
 */
public final class FusedOps {
    private FusedOps() {
    }

    /**
     * C = α·op(A)·op(B) + bias, the bias broadcast to C's shape (an n×1 column, a 1×m row, a 1×1 scalar or C's own
     * shape): the bias is written into C and the product accumulated onto it by GEMM (β = 1), saving the pass of a
     * separate add.
     *
     * @param a    Not modified.
     * @param b    Not modified.
     * @param bias Not modified; must not be C.
     * @param c    Modified.
     */
    public static void biasGemm(double alpha, boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b,
            DMatrixRMaj bias, DMatrixRMaj c) {
        broadcastInto(bias, c);
        MatMul.gemm(alpha, transA, transB, a, b, 1.0, c);
    }

    /**
     * out = x ⊙ s(z), where s(z) is {@code above} where z &gt; 0 and {@code below} elsewhere: relu's (0, 1) or leaky
     * relu's (α, 1) derivative times the upstream gradient, in one branch-free pass. As the unfused chain, it
     * multiplies (so x = ±∞ against a 0 slope gives NaN, exactly as there).
     *
     * @param x   Not modified.
     * @param z   Not modified; x's shape.
     * @param out Modified; x's shape; may be x.
     */
    public static void stepProduct(double below, double above, DMatrixRMaj x, DMatrixRMaj z, DMatrixRMaj out) {
        if (x.numRows != z.numRows || x.numCols != z.numCols) {
            throw new IllegalArgumentException("stepProduct: x is " + x.numRows + "×" + x.numCols + " but z is "
                    + z.numRows + "×" + z.numCols);
        }
        UnaryOps.check(x, out);
        final double[] xd = x.data;
        final double[] zd = z.data;
        final double[] od = out.data;
        for (int i = 0, n = x.getNumElements(); i < n; i++) {
            double s = UnaryOps.positive(zd[i]);
            od[i] = xd[i] * (s * above + (1.0 - s) * below);
        }
    }

    /**
     * out = v broadcast to out's shape.
     *
     * @param v   Not modified; n×1, 1×m, 1×1 or out's shape; must not be out unless of out's shape.
     * @param out Modified.
     */
    public static void broadcastInto(DMatrixRMaj v, DMatrixRMaj out) {
        int rows = out.numRows;
        int cols = out.numCols;
        boolean rowsOk = v.numRows == rows || v.numRows == 1;
        boolean colsOk = v.numCols == cols || v.numCols == 1;
        if (!rowsOk || !colsOk) {
            throw new IllegalArgumentException("cannot broadcast " + v.numRows + "×" + v.numCols + " to " + rows + "×"
                    + cols);
        }
        final double[] vd = v.data;
        final double[] od = out.data;
        if (v.numRows == rows && v.numCols == cols) {
            System.arraycopy(vd, 0, od, 0, rows * cols);
        } else if (v.numCols == cols) { // a row, repeated down
            for (int i = 0; i < rows; i++) {
                System.arraycopy(vd, 0, od, i * cols, cols);
            }
        } else { // a column (or a scalar), repeated across
            for (int i = 0; i < rows; i++) {
                java.util.Arrays.fill(od, i * cols, (i + 1) * cols, vd[v.numRows == 1 ? 0 : i]);
            }
        }
    }
}
