package io.github.gradgraph.core;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * Matrix products through the active {@link Gemm} backend, with the transposed variants named in the method as in
 * EJML. Each checks shapes and then delegates; no transpose is ever materialized.
 */
public final class MatMul {
    private static volatile Gemm backend = Backends.best();

    private MatMul() {
    }

    /** @return the backend in use */
    public static Gemm backend() {
        return backend;
    }

    /**
     * Replaces the backend for every later product.
     *
     * @param gemm the new backend, not null
     */
    public static void setBackend(Gemm gemm) {
        backend = Objects.requireNonNull(gemm, "gemm");
    }

    /** C = A·B. @param a Not modified. @param b Not modified. @param c Modified. */
    public static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check(a.numRows, a.numCols, b.numRows, b.numCols, c, "A·B");
        backend.mult(a, b, c);
    }

    /** C = Aᵀ·B. @param a Not modified. @param b Not modified. @param c Modified. */
    public static void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check(a.numCols, a.numRows, b.numRows, b.numCols, c, "Aᵀ·B");
        backend.multTransA(a, b, c);
    }

    /** C = A·Bᵀ. @param a Not modified. @param b Not modified. @param c Modified. */
    public static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check(a.numRows, a.numCols, b.numCols, b.numRows, c, "A·Bᵀ");
        backend.multTransB(a, b, c);
    }

    /** C = Aᵀ·Bᵀ. @param a Not modified. @param b Not modified. @param c Modified. */
    public static void multTransAB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check(a.numCols, a.numRows, b.numCols, b.numRows, c, "Aᵀ·Bᵀ");
        backend.multTransAB(a, b, c);
    }

    /**
     * C = op(A)·op(B) with the transposes chosen by flags.
     *
     * @param a Not modified.
     * @param b Not modified.
     * @param c Modified.
     */
    public static void mult(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        if (transA) {
            if (transB) {
                multTransAB(a, b, c);
            } else {
                multTransA(a, b, c);
            }
        } else if (transB) {
            multTransB(a, b, c);
        } else {
            mult(a, b, c);
        }
    }

    /**
     * C = α·op(A)·op(B) + β·C (BLAS dgemm), the transposes chosen by flags: lets a caller fold a scale into α or
     * accumulate into C (β = 1) without an extra pass. With β = 0, C's old contents are ignored.
     *
     * @param a Not modified.
     * @param b Not modified.
     * @param c Modified.
     */
    public static void gemm(double alpha, boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, double beta,
            DMatrixRMaj c) {
        check(transA ? a.numCols : a.numRows, transA ? a.numRows : a.numCols, transB ? b.numCols : b.numRows,
                transB ? b.numRows : b.numCols, c, "α·op(A)·op(B) + β·C");
        backend.gemm(alpha, transA, transB, a, b, beta, c);
    }

    /**
     * C = op(A)·op(B) in float32, the transposes chosen by flags.
     *
     * @param a Not modified.
     * @param b Not modified.
     * @param c Modified.
     */
    public static void mult(boolean transA, boolean transB, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        gemm(1f, transA, transB, a, b, 0f, c);
    }

    /**
     * C = α·op(A)·op(B) + β·C in float32 (BLAS sgemm) through the active backend.
     *
     * @param a Not modified.
     * @param b Not modified.
     * @param c Modified.
     */
    public static void gemm(float alpha, boolean transA, boolean transB, FMatrixRMaj a, FMatrixRMaj b, float beta,
            FMatrixRMaj c) {
        check(transA ? a.numCols : a.numRows, transA ? a.numRows : a.numCols, transB ? b.numCols : b.numRows,
                transB ? b.numRows : b.numCols, c.numRows, c.numCols, c.data == null, "α·op(A)·op(B) + β·C");
        backend.sgemm(alpha, transA, transB, a, b, beta, c);
    }

    private static void check(int ar, int ac, int br, int bc, DMatrixRMaj c, String form) {
        check(ar, ac, br, bc, c.numRows, c.numCols, c.data == null, form);
    }

    private static void check(int ar, int ac, int br, int bc, int cr, int cc, boolean noStorage, String form) {
        if (ac != br || cr != ar || cc != bc) {
            throw new IllegalArgumentException(form + ": " + ar + "×" + ac + " · " + br + "×" + bc + " into "
                    + cr + "×" + cc);
        }
        if (noStorage) {
            throw new IllegalArgumentException(form + ": output has no storage");
        }
    }
}
