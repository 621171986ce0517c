package io.github.gradgraph.core;

import org.ejml.data.FMatrixRMaj;

/**
 * The float32 twin of {@link BroadcastOps} (same cases, same fast paths, float arithmetic, each result rounded once).
 * Elementwise arithmetic with numpy-style 2-D broadcasting (see {@link Shape#broadcast}): operands of equal shape, a
 * column vector n×1 spread across columns, a row vector 1×m spread across rows, or a scalar 1×1.
 *
 * <p>EJML conventions: the output argument comes last, must already have the broadcast shape, and is written in
 * place; nothing is allocated. The output may be the same object as an operand of the same shape.
 */
public final class FloatBroadcastOps {
    private static final int ADD = 0;
    private static final int SUB = 1;
    private static final int MUL = 2;
    private static final int DIV = 3;

    private FloatBroadcastOps() {
    }

    /**
     * out = a + b, broadcast.
     *
     * @param a   Not modified.
     * @param b   Not modified.
     * @param out Modified.
     */
    public static void add(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj out) {
        apply(a, b, out, ADD);
    }

    /**
     * out = a − b, broadcast.
     *
     * @param a   Not modified.
     * @param b   Not modified.
     * @param out Modified.
     */
    public static void sub(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj out) {
        apply(a, b, out, SUB);
    }

    /**
     * out = a ⊙ b (elementwise product), broadcast.
     *
     * @param a   Not modified.
     * @param b   Not modified.
     * @param out Modified.
     */
    public static void mul(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj out) {
        apply(a, b, out, MUL);
    }

    /**
     * out = a ⊘ b (elementwise quotient), broadcast.
     *
     * @param a   Not modified.
     * @param b   Not modified.
     * @param out Modified.
     */
    public static void div(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj out) {
        apply(a, b, out, DIV);
    }

    /**
     * Checks that {@code out} has the broadcast shape of {@code a} and {@code b}.
     *
     * @throws IllegalArgumentException naming the three shapes otherwise
     */
    public static void checkShapes(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj out) {
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

    private static void apply(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj out, int op) {
        checkShapes(a, b, out);
        final int rows = out.numRows;
        final int cols = out.numCols;
        boolean aFull = a.numRows == rows && a.numCols == cols;
        boolean bFull = b.numRows == rows && b.numCols == cols;
        if (aFull && bFull) {
            same(a.data, b.data, out.data, rows * cols, op);
        } else if (aFull && b.numCols == 1 && b.numRows == rows) {
            for (int i = 0; i < rows; i++) { // b n×1 spread across the columns: one scalar per row
                scalarRight(a.data, i * cols, b.data[i], out.data, cols, op);
            }
        } else if (aFull && b.getNumElements() == 1) {
            scalarRight(a.data, 0, b.data[0], out.data, rows * cols, op);
        } else if (bFull && a.numCols == 1 && a.numRows == rows) {
            for (int i = 0; i < rows; i++) {
                scalarLeft(a.data[i], b.data, i * cols, out.data, cols, op);
            }
        } else if (bFull && a.getNumElements() == 1) {
            scalarLeft(a.data[0], b.data, 0, out.data, rows * cols, op);
        } else {
            strided(a, b, out, op);
        }
    }

    // The common cases as plain loops over contiguous memory, which the JIT vectorizes; the output may alias an input
    // of its shape, as every element is read before it is written.

    private static void same(float[] a, float[] b, float[] o, int n, int op) {
        switch (op) {
            case ADD: for (int k = 0; k < n; k++) { o[k] = a[k] + b[k]; } break;
            case SUB: for (int k = 0; k < n; k++) { o[k] = a[k] - b[k]; } break;
            case MUL: for (int k = 0; k < n; k++) { o[k] = a[k] * b[k]; } break;
            default: for (int k = 0; k < n; k++) { o[k] = a[k] / b[k]; } break;
        }
    }

    private static void scalarRight(float[] a, int from, float c, float[] o, int n, int op) {
        switch (op) {
            case ADD: for (int k = from; k < from + n; k++) { o[k] = a[k] + c; } break;
            case SUB: for (int k = from; k < from + n; k++) { o[k] = a[k] - c; } break;
            case MUL: for (int k = from; k < from + n; k++) { o[k] = a[k] * c; } break;
            default: for (int k = from; k < from + n; k++) { o[k] = a[k] / c; } break;
        }
    }

    private static void scalarLeft(float c, float[] b, int from, float[] o, int n, int op) {
        switch (op) {
            case ADD: for (int k = from; k < from + n; k++) { o[k] = c + b[k]; } break;
            case SUB: for (int k = from; k < from + n; k++) { o[k] = c - b[k]; } break;
            case MUL: for (int k = from; k < from + n; k++) { o[k] = c * b[k]; } break;
            default: for (int k = from; k < from + n; k++) { o[k] = c / b[k]; } break;
        }
    }

    /** Any other broadcast (a row vector, an outer one): strides are 0 along a broadcast dimension. */
    private static void strided(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj out, int op) {
        final int rows = out.numRows;
        final int cols = out.numCols;
        final int aRow = a.numRows == 1 ? 0 : a.numCols;
        final int aCol = a.numCols == 1 ? 0 : 1;
        final int bRow = b.numRows == 1 ? 0 : b.numCols;
        final int bCol = b.numCols == 1 ? 0 : 1;
        final float[] ad = a.data;
        final float[] bd = b.data;
        final float[] od = out.data;
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
