package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Column-wise softmax family for features × samples matrices: each column is one sample's scores. Every function
 * subtracts the column maximum first, so no exponential overflows whatever the scores.
 */
public final class Softmax {
    private Softmax() {
    }

    /**
     * out[j] = log Σᵢ exp(a[i, j]), stable: n×m → 1×m.
     *
     * @param a   Not modified.
     * @param out Modified. 1×m.
     */
    public static void logSumExp(DMatrixRMaj a, DMatrixRMaj out) {
        Reductions.maxAcrossRows(a, out, null);
        final int cols = a.numCols;
        for (int j = 0; j < cols; j++) {
            double max = out.data[j];
            double s = 0.0;
            for (int i = 0; i < a.numRows; i++) {
                s += Math.exp(a.data[i * cols + j] - max);
            }
            out.data[j] = max + Math.log(s);
        }
    }

    /**
     * out[:, j] = softmax(a[:, j]) = exp(a[:, j] − logsumexp(a[:, j])).
     *
     * @param a   Not modified.
     * @param out Modified. Same shape as {@code a}; may be {@code a}.
     */
    public static void softmax(DMatrixRMaj a, DMatrixRMaj out) {
        logSoftmax(a, out);
        UnaryOps.exp(out, out);
    }

    /**
     * out[:, j] = a[:, j] − logsumexp(a[:, j]).
     *
     * @param a   Not modified.
     * @param out Modified. Same shape as {@code a}; may be {@code a}.
     */
    public static void logSoftmax(DMatrixRMaj a, DMatrixRMaj out) {
        UnaryOps.check(a, out);
        final int rows = a.numRows;
        final int cols = a.numCols;
        for (int j = 0; j < cols; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < rows; i++) {
                max = Math.max(max, a.data[i * cols + j]);
            }
            double s = 0.0;
            for (int i = 0; i < rows; i++) {
                s += Math.exp(a.data[i * cols + j] - max);
            }
            double lse = max + Math.log(s);
            for (int i = 0; i < rows; i++) {
                out.data[i * cols + j] = a.data[i * cols + j] - lse;
            }
        }
    }
}
