package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;

/**
 * General matrix multiply, the one place where a faster backend plugs in. Implementations write C in place, must
 * not allocate, and may assume C is distinct from A and B and already has the product's shape (the {@link MatMul}
 * front checks shapes once).
 */
public interface Gemm {
    /** @return a short name of the backend, for logs and reports */
    String name();

    /** C = A·B. @param a Not modified. @param b Not modified. @param c Modified. */
    void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);

    /** C = Aᵀ·B. @param a Not modified. @param b Not modified. @param c Modified. */
    void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);

    /** C = A·Bᵀ. @param a Not modified. @param b Not modified. @param c Modified. */
    void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);

    /** C = Aᵀ·Bᵀ. @param a Not modified. @param b Not modified. @param c Modified. */
    void multTransAB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);
}
