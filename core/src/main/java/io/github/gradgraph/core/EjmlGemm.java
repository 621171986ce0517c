package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * {@link Gemm} through EJML's single-threaded {@code CommonOps_DDRM} (and {@code CommonOps_FDRM} for float32): the
 * reference backend.
 */
public final class EjmlGemm implements Gemm {
    @Override
    public String name() {
        return "ejml";
    }

    @Override
    public void gemm(double alpha, boolean ta, boolean tb, DMatrixRMaj a, DMatrixRMaj b, double beta,
            DMatrixRMaj c) {
        if (beta == 0.0) {
            if (ta && tb) {
                CommonOps_DDRM.multTransAB(alpha, a, b, c);
            } else if (ta) {
                CommonOps_DDRM.multTransA(alpha, a, b, c);
            } else if (tb) {
                CommonOps_DDRM.multTransB(alpha, a, b, c);
            } else {
                CommonOps_DDRM.mult(alpha, a, b, c);
            }
            return;
        }
        Gemm.scaleInPlace(beta, c);
        if (ta && tb) {
            CommonOps_DDRM.multAddTransAB(alpha, a, b, c);
        } else if (ta) {
            CommonOps_DDRM.multAddTransA(alpha, a, b, c);
        } else if (tb) {
            CommonOps_DDRM.multAddTransB(alpha, a, b, c);
        } else {
            CommonOps_DDRM.multAdd(alpha, a, b, c);
        }
    }

    /**
     * C = α·op(A)·op(B) + β·C through EJML's {@code CommonOps_FDRM}: the float32 reference, and the {@link Gemm}
     * default.
     *
     * @param a Not modified.
     * @param b Not modified.
     * @param c Modified.
     */
    static void sgemmReference(float alpha, boolean ta, boolean tb, FMatrixRMaj a, FMatrixRMaj b, float beta,
            FMatrixRMaj c) {
        if (beta == 0f) {
            if (ta && tb) {
                CommonOps_FDRM.multTransAB(alpha, a, b, c);
            } else if (ta) {
                CommonOps_FDRM.multTransA(alpha, a, b, c);
            } else if (tb) {
                CommonOps_FDRM.multTransB(alpha, a, b, c);
            } else {
                CommonOps_FDRM.mult(alpha, a, b, c);
            }
            return;
        }
        Gemm.scaleInPlace(beta, c);
        if (ta && tb) {
            CommonOps_FDRM.multAddTransAB(alpha, a, b, c);
        } else if (ta) {
            CommonOps_FDRM.multAddTransA(alpha, a, b, c);
        } else if (tb) {
            CommonOps_FDRM.multAddTransB(alpha, a, b, c);
        } else {
            CommonOps_FDRM.multAdd(alpha, a, b, c);
        }
    }
}
