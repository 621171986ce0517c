package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** {@link Gemm} through EJML's single-threaded {@code CommonOps_DDRM}: the reference backend. */
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
}
