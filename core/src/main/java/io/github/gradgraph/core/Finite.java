package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Fast checks that every element of a matrix is finite, for validating every run's feeds and parameters: four
 * independent accumulators of x·0 (0 for a finite x, NaN for NaN or ±∞) let the CPU overlap the work, and the exact
 * position is searched only after a failure.
 */
public final class Finite {
    private Finite() {
    }

    /** @return true when no element of {@code m} is NaN or infinite. @param m Not modified. */
    public static boolean all(DMatrixRMaj m) {
        return all(m.data, 0, m.getNumElements());
    }

    /** @return true when no element of {@code d[from, to)} is NaN or infinite. @param d Not modified. */
    static boolean all(double[] d, int from, int to) {
        final int n = to;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (; i + 3 < n; i += 4) {
            s0 += d[i] * 0.0;
            s1 += d[i + 1] * 0.0;
            s2 += d[i + 2] * 0.0;
            s3 += d[i + 3] * 0.0;
        }
        for (; i < n; i++) {
            s0 += d[i] * 0.0;
        }
        return s0 + s1 + s2 + s3 == 0.0;
    }

    /** @return the index of the first element that is NaN or infinite, or −1. @param m Not modified. */
    public static int first(DMatrixRMaj m) {
        for (int i = 0, n = m.getNumElements(); i < n; i++) {
            if (!Double.isFinite(m.data[i])) {
                return i;
            }
        }
        return -1;
    }
}
