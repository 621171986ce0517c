package io.github.gradgraph.core;

import org.ejml.data.FMatrixRMaj;

/**
 * The float32 twin of {@link Reductions}, keeping two dimensions as numpy's {@code keepdims=True}. Every sum
 * accumulates in float64 and rounds once at the end: a float accumulator over m terms errs by up to m·2⁻²⁴ of the sum
 * of magnitudes (6 % of it for m = 10⁶, and db, the loss and softmax's normalizer are such sums), a double one by
 * m·2⁻⁵³, far below the float result's own rounding; the float64 accumulators cost 1.3–1.6× float ones on
 * data in cache, under 1 % of a float32 training step (docs/decisions/0010).
 * Output last, written in place; nothing is allocated.
 */
public final class FloatReductions {
    private FloatReductions() {
    }

    /** @return the sum of every element of {@code a} (not modified), accumulated in float64 */
    public static double sumAll(FMatrixRMaj a) {
        return sum(a.data, 0, a.getNumElements());
    }

    /** Σ d[from, to) in float64 with four independent accumulators (as {@link Reductions}). */
    static double sum(float[] d, int from, int to) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int k = from;
        for (; k + 3 < to; k += 4) {
            s0 += d[k];
            s1 += d[k + 1];
            s2 += d[k + 2];
            s3 += d[k + 3];
        }
        for (; k < to; k++) {
            s0 += d[k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * out[i] = Σⱼ a[i, j]: n×m → n×1, each row summed in float64.
     *
     * @param a   Not modified.
     * @param out Modified. n×1.
     */
    public static void sumAcrossColumns(FMatrixRMaj a, FMatrixRMaj out) {
        checkOut(out, a.numRows, 1);
        final int cols = a.numCols;
        for (int i = 0; i < a.numRows; i++) {
            out.data[i] = (float) sum(a.data, i * cols, (i + 1) * cols);
        }
    }

    /**
     * out[j] = Σᵢ a[i, j]: n×m → 1×m, each column summed in float64 (down the column: the rows of a block of columns
     * stay in cache, so the stride costs little for the few rows such sums have — classes, features).
     *
     * @param a   Not modified.
     * @param out Modified. 1×m.
     */
    public static void sumAcrossRows(FMatrixRMaj a, FMatrixRMaj out) {
        checkOut(out, 1, a.numCols);
        final int cols = a.numCols;
        final int rows = a.numRows;
        final float[] d = a.data;
        for (int j = 0; j < cols; j++) {
            double s = 0.0;
            for (int i = 0, k = j; i < rows; i++, k += cols) {
                s += d[k];
            }
            out.data[j] = (float) s;
        }
    }

    /**
     * out[i] = maxⱼ a[i, j] and argMax[i] = the first j attaining it: n×m → n×1.
     *
     * @param a      Not modified.
     * @param out    Modified. n×1.
     * @param argMax Modified, may be null. Length ≥ n.
     */
    public static void maxAcrossColumns(FMatrixRMaj a, FMatrixRMaj out, int[] argMax) {
        checkOut(out, a.numRows, 1);
        for (int i = 0; i < a.numRows; i++) {
            int best = firstArgMax(a, 1, i);
            out.data[i] = a.data[i * a.numCols + best];
            if (argMax != null) {
                argMax[i] = best;
            }
        }
    }

    /**
     * out[j] = maxᵢ a[i, j] and argMax[j] = the first i attaining it: n×m → 1×m.
     *
     * @param a      Not modified.
     * @param out    Modified. 1×m.
     * @param argMax Modified, may be null. Length ≥ m.
     */
    public static void maxAcrossRows(FMatrixRMaj a, FMatrixRMaj out, int[] argMax) {
        checkOut(out, 1, a.numCols);
        for (int j = 0; j < a.numCols; j++) {
            int best = firstArgMax(a, 0, j);
            out.data[j] = a.data[best * a.numCols + j];
            if (argMax != null) {
                argMax[j] = best;
            }
        }
    }

    /**
     * The position of the first maximum along {@code axis}, as {@link Reductions#firstArgMax}: ties go to the first;
     * a NaN never displaces the running maximum.
     *
     * @param a Not modified; at least one element along the axis.
     * @return the row (axis 0) or column (axis 1) of the maximum
     */
    public static int firstArgMax(FMatrixRMaj a, int axis, int index) {
        final int inner = axis == 0 ? a.numRows : a.numCols;
        final int stride = axis == 0 ? a.numCols : 1;
        int k = axis == 0 ? index : index * a.numCols;
        final float[] d = a.data;
        int best = 0;
        float max = d[k];
        for (int i = 1; i < inner; i++) {
            k += stride;
            if (d[k] > max) {
                max = d[k];
                best = i;
            }
        }
        return best;
    }

    private static void checkOut(FMatrixRMaj out, int rows, int cols) {
        if (out.numRows != rows || out.numCols != cols) {
            throw new IllegalArgumentException("output is " + out.numRows + "×" + out.numCols + ", expected "
                    + rows + "×" + cols);
        }
    }
}
