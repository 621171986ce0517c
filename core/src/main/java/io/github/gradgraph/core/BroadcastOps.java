package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Elementwise arithmetic with numpy-style 2-D broadcasting (see {@link Shape#broadcast}): operands of equal shape, a
 * column vector n×1 spread across columns, a row vector 1×m spread across rows, or a scalar 1×1.
 *
 * <p>EJML conventions: the output argument comes last, must already have the broadcast shape, and is written in
 * place; nothing is allocated. The output may be the same object as an operand of the same shape.
 */
public final class BroadcastOps {
    private static final int ADD = 0;
    private static final int SUB = 1;
    private static final int MUL = 2;
    private static final int DIV = 3;

    private BroadcastOps() {
    }

    /**
     * out = a + b, broadcast.
     *
     * @param a   Not modified.
     * @param b   Not modified.
     * @param out Modified.
     */
    public static void add(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        apply(a, b, out, ADD);
    }

    /**
     * out = a − b, broadcast.
     *
     * @param a   Not modified.
     * @param b   Not modified.
     * @param out Modified.
     */
    public static void sub(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        apply(a, b, out, SUB);
    }

    /**
     * out = a ⊙ b (elementwise product), broadcast.
     *
     * @param a   Not modified.
     * @param b   Not modified.
     * @param out Modified.
     */
    public static void mul(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        apply(a, b, out, MUL);
    }

    /**
     * out = a ⊘ b (elementwise quotient), broadcast.
     *
     * @param a   Not modified.
     * @param b   Not modified.
     * @param out Modified.
     */
    public static void div(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        apply(a, b, out, DIV);
    }

    /**
     * Checks that {@code out} has the broadcast shape of {@code a} and {@code b}.
     *
     * @throws IllegalArgumentException naming the three shapes otherwise
     */
    public static void checkShapes(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        int rows = dim(a.numRows, b.numRows);
        int cols = dim(a.numCols, b.numCols);
        if (rows < 0 || cols < 0 || out.numRows != rows || out.numCols != cols) {
            throw new IllegalArgumentException("cannot broadcast " + a.numRows + "×" + a.numCols + " with "
                    + b.numRows + "×" + b.numCols + " into " + out.numRows + "×" + out.numCols);
        }
    }

    private static int dim(int a, int b) {
        if (a == b || b == 1) {
            return a;
        }
        return a == 1 ? b : -1;
    }

    private static void apply(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out, int op) {
        checkShapes(a, b, out);
        final int rows = out.numRows;
        final int cols = out.numCols;
        // Strides are 0 along a broadcast dimension, so one index formula covers every case.
        final int aRow = a.numRows == 1 ? 0 : a.numCols;
        final int aCol = a.numCols == 1 ? 0 : 1;
        final int bRow = b.numRows == 1 ? 0 : b.numCols;
        final int bCol = b.numCols == 1 ? 0 : 1;
        final double[] ad = a.data;
        final double[] bd = b.data;
        final double[] od = out.data;
        for (int i = 0; i < rows; i++) {
            int ai = i * aRow;
            int bi = i * bRow;
            int oi = i * cols;
            switch (op) {
                case ADD:
                    for (int j = 0; j < cols; j++) {
                        od[oi + j] = ad[ai + j * aCol] + bd[bi + j * bCol];
                    }
                    break;
                case SUB:
                    for (int j = 0; j < cols; j++) {
                        od[oi + j] = ad[ai + j * aCol] - bd[bi + j * bCol];
                    }
                    break;
                case MUL:
                    for (int j = 0; j < cols; j++) {
                        od[oi + j] = ad[ai + j * aCol] * bd[bi + j * bCol];
                    }
                    break;
                default:
                    for (int j = 0; j < cols; j++) {
                        od[oi + j] = ad[ai + j * aCol] / bd[bi + j * bCol];
                    }
                    break;
            }
        }
    }
}
