package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Sums and maxima of a matrix, whole or along one axis, keeping two dimensions as numpy's {@code keepdims=True}:
 * "across columns" reduces each row to one number (n×m → n×1, the textbook's {@code np.sum(dZ, axis=1, keepdims=True)});
 * "across rows" reduces each column (n×m → 1×m). Output last, written in place; nothing is allocated.
 *
 * <p>Every sum accumulates in float64 ({@code @F64}), in the float32 twin too, and rounds once at the end: a float
 * accumulator over m terms errs by up to m·2⁻²⁴ of the sum of magnitudes (6 % of it for m = 10⁶, and db, the loss and
 * softmax's normalizer are such sums), a float64 one by m·2⁻⁵³, far below the float result's own rounding; the
 * float64 accumulators cost under 1 % of a float32 training step (docs/decisions/0010).
 */
public final class Reductions {
    private Reductions() {
    }

    /** @return the sum of every element of {@code a} (not modified), accumulated in float64 */
    public static @F64 double sumAll(DMatrixRMaj a) {
        return sum(a.data, 0, a.getNumElements());
    }

    /**
     * Σ d[from, to) with four independent accumulators: the additions overlap in the CPU instead of each waiting for
     * the last (about 4× faster on long rows), and the partial sums make the rounding error no worse than one chain.
     */
    static @F64 double sum(double[] d, int from, int to) {
        @F64 double s0 = 0;
        @F64 double s1 = 0;
        @F64 double s2 = 0;
        @F64 double s3 = 0;
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

    // BEGIN float64 only. The global gradient norm runs over the float64 master gradients.

    /**
     * Σ d[i]² over d[from, to), with eight independent accumulators (the multiply-adds overlap in the CPU; measured
     * 3.4× faster than one chain on mnist's 235,146 gradient elements): the global gradient norm's pass, run every
     * training step.
     *
     * @param d Not modified.
     * @return the sum of squares; +∞ when a square or the sum overflows, NaN when an element is NaN
     */
    public static double sumOfSquares(double[] d, int from, int to) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        double s4 = 0.0;
        double s5 = 0.0;
        double s6 = 0.0;
        double s7 = 0.0;
        int k = from;
        for (; k + 7 < to; k += 8) {
            s0 += d[k] * d[k];
            s1 += d[k + 1] * d[k + 1];
            s2 += d[k + 2] * d[k + 2];
            s3 += d[k + 3] * d[k + 3];
            s4 += d[k + 4] * d[k + 4];
            s5 += d[k + 5] * d[k + 5];
            s6 += d[k + 6] * d[k + 6];
            s7 += d[k + 7] * d[k + 7];
        }
        for (; k < to; k++) {
            s0 += d[k] * d[k];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    // END float64 only

    /**
     * out[i] = Σⱼ a[i, j]: n×m → n×1, each row summed in float64.
     *
     * @param a   Not modified.
     * @param out Modified. n×1.
     */
    @SuppressWarnings("cast") // the cast is the float32 twin's one rounding of the float64 sum
    public static void sumAcrossColumns(DMatrixRMaj a, DMatrixRMaj out) {
        checkOut(out, a.numRows, 1);
        final int cols = a.numCols;
        for (int i = 0; i < a.numRows; i++) {
            out.data[i] = (double) sum(a.data, i * cols, (i + 1) * cols);
        }
    }

    /**
     * out[j] = Σᵢ a[i, j]: n×m → 1×m, each column summed in float64 (down the column: the rows of a block of columns
     * stay in cache, so the stride costs little for the few rows such sums have — classes, features).
     *
     * @param a   Not modified.
     * @param out Modified. 1×m.
     */
    @SuppressWarnings("cast") // the cast is the float32 twin's one rounding of the float64 sum
    public static void sumAcrossRows(DMatrixRMaj a, DMatrixRMaj out) {
        checkOut(out, 1, a.numCols);
        final int cols = a.numCols;
        final int rows = a.numRows;
        final double[] d = a.data;
        for (int j = 0; j < cols; j++) {
            @F64 double s = 0;
            for (int i = 0, k = j; i < rows; i++, k += cols) {
                s += d[k];
            }
            out.data[j] = (double) s;
        }
    }

    /**
     * out[i] = maxⱼ a[i, j] and argMax[i] = the first j attaining it: n×m → n×1.
     *
     * @param a      Not modified.
     * @param out    Modified. n×1.
     * @param argMax Modified, may be null. Length ≥ n.
     */
    public static void maxAcrossColumns(DMatrixRMaj a, DMatrixRMaj out, int[] argMax) {
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
    public static void maxAcrossRows(DMatrixRMaj a, DMatrixRMaj out, int[] argMax) {
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
     * The one arg-max of gradgraph: the position of the first maximum along {@code axis} — down column {@code index}
     * (axis 0) or along row {@code index} (axis 1). Ties go to the first; a NaN never displaces the running maximum
     * (it wins only in the first position).
     *
     * @param a Not modified; at least one element along the axis.
     * @return the row (axis 0) or column (axis 1) of the maximum
     */
    public static int firstArgMax(DMatrixRMaj a, int axis, int index) {
        final int inner = axis == 0 ? a.numRows : a.numCols;
        final int stride = axis == 0 ? a.numCols : 1;
        int k = axis == 0 ? index : index * a.numCols;
        final double[] d = a.data;
        int best = 0;
        double max = d[k];
        for (int i = 1; i < inner; i++) {
            k += stride;
            if (d[k] > max) {
                max = d[k];
                best = i;
            }
        }
        return best;
    }

    private static void checkOut(DMatrixRMaj out, int rows, int cols) {
        if (out.numRows != rows || out.numCols != cols) {
            throw new IllegalArgumentException("output is " + out.numRows + "×" + out.numCols + ", expected "
                    + rows + "×" + cols);
        }
    }
}
