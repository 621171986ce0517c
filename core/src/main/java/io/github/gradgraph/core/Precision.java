package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * Conversions between float64 and float32 matrices, for float32 programs fed and read in float64: narrowing rounds
 * to nearest (a finite double beyond float32's range becomes ±∞, which the caller reports), widening is exact.
 * Output last, of the input's shape, written in place; nothing is allocated.
 */
public final class Precision {
    private Precision() {
    }

    /** out = (float) a, rounded to nearest. @param a Not modified. @param out Modified. */
    public static void narrow(DMatrixRMaj a, FMatrixRMaj out) {
        check(a.numRows, a.numCols, out.numRows, out.numCols);
        narrow(a.data, out.data, 0, a.getNumElements());
    }

    /** out = (double) a, exactly. @param a Not modified. @param out Modified. */
    public static void widen(FMatrixRMaj a, DMatrixRMaj out) {
        check(a.numRows, a.numCols, out.numRows, out.numCols);
        widen(a.data, out.data, 0, a.getNumElements());
    }

    static void narrow(double[] a, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = (float) a[i];
        }
    }

    static void widen(float[] a, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = a[i];
        }
    }

    /** @return a new float32 copy of {@code a}. @param a Not modified. */
    public static FMatrixRMaj toFloat(DMatrixRMaj a) {
        FMatrixRMaj out = new FMatrixRMaj(a.numRows, a.numCols);
        narrow(a, out);
        return out;
    }

    /** @return a new float64 copy of {@code a}. @param a Not modified. */
    public static DMatrixRMaj toDouble(FMatrixRMaj a) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        widen(a, out);
        return out;
    }

    /** @return true when no element of {@code m} is NaN or infinite. @param m Not modified. */
    public static boolean allFinite(FMatrixRMaj m) {
        return allFinite(m.data, 0, m.getNumElements());
    }

    /**
     * @return true when no element of {@code d[from, to)} is NaN or infinite: the largest magnitude is at most
     *     {@code Float.MAX_VALUE} (a NaN makes the maximum NaN, which compares false); a float max-reduction the JIT
     *     vectorizes, 1.5× the rate of the float64 check's accumulators
     */
    static boolean allFinite(float[] d, int from, int to) {
        float max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Math.abs(d[i]));
        }
        return max <= Float.MAX_VALUE;
    }

    /** @return the index of the first element that is NaN or infinite, or −1. @param m Not modified. */
    public static int firstNonFinite(FMatrixRMaj m) {
        for (int i = 0, n = m.getNumElements(); i < n; i++) {
            if (!Float.isFinite(m.data[i])) {
                return i;
            }
        }
        return -1;
    }

    static void check(int r, int c, int outR, int outC) {
        if (r != outR || c != outC) {
            throw new IllegalArgumentException("output is " + outR + "×" + outC + " but input is " + r + "×" + c);
        }
    }
}
