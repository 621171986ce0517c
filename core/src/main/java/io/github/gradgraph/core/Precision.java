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
        final double[] ad = a.data;
        final float[] od = out.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            od[i] = (float) ad[i];
        }
    }

    /** out = (double) a, exactly. @param a Not modified. @param out Modified. */
    public static void widen(FMatrixRMaj a, DMatrixRMaj out) {
        check(a.numRows, a.numCols, out.numRows, out.numCols);
        final float[] ad = a.data;
        final double[] od = out.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            od[i] = ad[i];
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

    /** @return true when no element of {@code m} is NaN or infinite (see {@link Finite}). @param m Not modified. */
    public static boolean allFinite(FMatrixRMaj m) {
        final float[] d = m.data;
        float s0 = 0;
        float s1 = 0;
        int i = 0;
        final int n = m.getNumElements();
        for (; i + 1 < n; i += 2) {
            s0 += d[i] * 0f;
            s1 += d[i + 1] * 0f;
        }
        for (; i < n; i++) {
            s0 += d[i] * 0f;
        }
        return s0 + s1 == 0f;
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

    private static void check(int r, int c, int outR, int outC) {
        if (r != outR || c != outC) {
            throw new IllegalArgumentException("output is " + outR + "×" + outC + " but input is " + r + "×" + c);
        }
    }
}
