package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * General matrix multiply, the one place where a faster backend plugs in. Implementations write C in place, must
 * not allocate, and may assume C is distinct from A and B and already has the product's shape (the {@link MatMul}
 * front checks shapes once).
 */
public interface Gemm {
    /** @return a short name of the backend, for logs and reports */
    String name();

    /** C = A·B. @param a Not modified. @param b Not modified. @param c Modified. */
    default void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        gemm(1.0, false, false, a, b, 0.0, c);
    }

    /** C = Aᵀ·B. @param a Not modified. @param b Not modified. @param c Modified. */
    default void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        gemm(1.0, true, false, a, b, 0.0, c);
    }

    /** C = A·Bᵀ. @param a Not modified. @param b Not modified. @param c Modified. */
    default void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        gemm(1.0, false, true, a, b, 0.0, c);
    }

    /** C = Aᵀ·Bᵀ. @param a Not modified. @param b Not modified. @param c Modified. */
    default void multTransAB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        gemm(1.0, true, true, a, b, 0.0, c);
    }

    /**
     * C = α·op(A)·op(B) + β·C, op transposing when its flag is set (BLAS dgemm). With β = 0, C's old contents are
     * ignored, NaN included.
     *
     * @param a Not modified.
     * @param b Not modified.
     * @param c Modified.
     */
    void gemm(double alpha, boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, double beta,
            DMatrixRMaj c);

    /**
     * C = α·op(A)·op(B) + β·C in float32 (BLAS sgemm), with the same contract as {@link #gemm}. The default runs
     * EJML's float kernels ({@link EjmlGemm#sgemmReference}); backends with a native sgemm override it.
     *
     * @param a Not modified.
     * @param b Not modified.
     * @param c Modified.
     */
    default void sgemm(float alpha, boolean transA, boolean transB, FMatrixRMaj a, FMatrixRMaj b, float beta,
            FMatrixRMaj c) {
        EjmlGemm.sgemmReference(alpha, transA, transB, a, b, beta, c);
    }

    /** c = β·c in float32, with β = 0 clearing c whatever it held. @param c Modified. */
    static void scaleInPlace(float beta, FMatrixRMaj c) {
        if (beta == 0f) {
            c.zero();
        } else if (beta != 1f) {
            for (int i = 0, n = c.getNumElements(); i < n; i++) {
                c.data[i] *= beta;
            }
        }
    }

    /** c = β·c, with β = 0 clearing c whatever it held (NaN included). @param c Modified. */
    static void scaleInPlace(double beta, DMatrixRMaj c) {
        if (beta == 0.0) {
            c.zero();
        } else if (beta != 1.0) {
            for (int i = 0, n = c.getNumElements(); i < n; i++) {
                c.data[i] *= beta;
            }
        }
    }
}
