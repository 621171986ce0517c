package io.github.gradgraph.core;

import org.ejml.data.FMatrixRMaj;

/**
 * The float32 twins of {@link FusedOps}: the bias written into C and the product accumulated onto it by sgemm
 * (β = 1), and a step mask applied to the upstream gradient in one branch-free pass. Output last, written in place,
 * nothing allocated.
 */
public final class FloatFusedOps {
    private FloatFusedOps() {
    }

    /**
     * C = α·op(A)·op(B) + bias, the bias broadcast to C's shape (n×1, 1×m, 1×1 or C's own shape).
     *
     * @param a    Not modified.
     * @param b    Not modified.
     * @param bias Not modified; must not be C.
     * @param c    Modified.
     */
    public static void biasGemm(float alpha, boolean transA, boolean transB, FMatrixRMaj a, FMatrixRMaj b,
            FMatrixRMaj bias, FMatrixRMaj c) {
        broadcastInto(bias, c);
        MatMul.gemm(alpha, transA, transB, a, b, 1f, c);
    }

    /**
     * out = x ⊙ s(z), s(z) = {@code above} where z &gt; 0 and {@code below} elsewhere, as {@link FusedOps#stepProduct}.
     *
     * @param x   Not modified.
     * @param z   Not modified; x's shape.
     * @param out Modified; x's shape; may be x.
     */
    public static void stepProduct(float below, float above, FMatrixRMaj x, FMatrixRMaj z, FMatrixRMaj out) {
        if (x.numRows != z.numRows || x.numCols != z.numCols) {
            throw new IllegalArgumentException("stepProduct: x is " + x.numRows + "×" + x.numCols + " but z is "
                    + z.numRows + "×" + z.numCols);
        }
        FloatUnaryOps.check(x, out);
        final float[] xd = x.data;
        final float[] zd = z.data;
        final float[] od = out.data;
        for (int i = 0, n = x.getNumElements(); i < n; i++) {
            float s = FloatUnaryOps.positive(zd[i]);
            od[i] = xd[i] * (s * above + (1f - s) * below);
        }
    }

    /**
     * out = v broadcast to out's shape.
     *
     * @param v   Not modified; n×1, 1×m, 1×1 or out's shape; must not be out unless of out's shape.
     * @param out Modified.
     */
    public static void broadcastInto(FMatrixRMaj v, FMatrixRMaj out) {
        int rows = out.numRows;
        int cols = out.numCols;
        boolean rowsOk = v.numRows == rows || v.numRows == 1;
        boolean colsOk = v.numCols == cols || v.numCols == 1;
        if (!rowsOk || !colsOk) {
            throw new IllegalArgumentException("cannot broadcast " + v.numRows + "×" + v.numCols + " to " + rows + "×"
                    + cols);
        }
        final float[] vd = v.data;
        final float[] od = out.data;
        if (v.numRows == rows && v.numCols == cols) {
            System.arraycopy(vd, 0, od, 0, rows * cols);
        } else if (v.numCols == cols) {
            for (int i = 0; i < rows; i++) {
                System.arraycopy(vd, 0, od, i * cols, cols);
            }
        } else {
            for (int i = 0; i < rows; i++) {
                java.util.Arrays.fill(od, i * cols, (i + 1) * cols, vd[v.numRows == 1 ? 0 : i]);
            }
        }
    }
}
