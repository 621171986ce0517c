package io.github.gradgraph.core;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * C = α·op(A)·op(B) + β·C for the small products a BLAS call costs more than (a recurrent step's W·a⟨t⟩ at batch 1,
 * its rank-1 weight-gradient updates dz⟨t⟩·a⟨t−1⟩ᵀ, Wᵀ·dz⟨t⟩), in loops whose innermost runs over contiguous
 * memory so that the JIT vectorizes it: a row of C against a row of B, or — for a single column — a dot product of
 * rows. The float32 twin is generated from this source (docs/decisions/0012); its dot products sum in float64.
 */
public final class ThinProducts {
    private ThinProducts() {
    }

    /**
     * C = α·op(A)·op(B) + β·C, op transposing when its flag is set; with β = 0, C's old contents are ignored.
     *
     * @param a Not modified.
     * @param b Not modified.
     * @param c Modified. Already of the product's shape.
     */
    public static void gemm(double alpha, boolean ta, boolean tb, DMatrixRMaj a, DMatrixRMaj b, double beta,
            DMatrixRMaj c) {
        int n = c.numRows;
        int m = c.numCols;
        int k = ta ? a.numRows : a.numCols;
        double[] cd = c.data;
        if (beta == 0) {
            Arrays.fill(cd, 0, n * m, 0);
        } else if (beta != 1) {
            for (int i = 0; i < n * m; i++) {
                cd[i] *= beta;
            }
        }
        double[] ad = a.data;
        double[] bd = b.data;
        if (m == 1 && !ta && !tb) { // matrix times a column: a dot product per row of A
            for (int i = 0; i < n; i++) {
                @F64 double sum = 0;
                for (int p = 0, at = i * k; p < k; p++) {
                    sum += ad[at + p] * bd[p];
                }
                cd[i] += alpha * sum;
            }
        } else if (!ta && !tb) { // each row of C gathers rows of B
            for (int i = 0; i < n; i++) {
                int row = i * m;
                for (int p = 0; p < k; p++) {
                    double aip = alpha * ad[i * k + p];
                    for (int j = 0, at = p * m; j < m; j++) {
                        cd[row + j] += aip * bd[at + j];
                    }
                }
            }
        } else if (ta && !tb && m == 1) { // Aᵀ times a column: rows of A scaled into C
            for (int p = 0; p < k; p++) {
                double bp = alpha * bd[p];
                for (int i = 0, at = p * n; i < n; i++) {
                    cd[i] += ad[at + i] * bp;
                }
            }
        } else if (ta && !tb) {
            for (int p = 0; p < k; p++) {
                for (int i = 0; i < n; i++) {
                    double aip = alpha * ad[p * n + i];
                    for (int j = 0, row = i * m, at = p * m; j < m; j++) {
                        cd[row + j] += aip * bd[at + j];
                    }
                }
            }
        } else if (!ta && k == 1) { // an outer product a·bᵀ (a rank-1 update): rows of C, b contiguous
            for (int i = 0; i < n; i++) {
                double ai = alpha * ad[i];
                for (int j = 0, row = i * m; j < m; j++) {
                    cd[row + j] += ai * bd[j];
                }
            }
        } else if (!ta && k <= 4) { // A·Bᵀ of few columns (rank-k updates): rows of C against strided B
            for (int i = 0; i < n; i++) {
                int row = i * m;
                for (int p = 0; p < k; p++) {
                    double aip = alpha * ad[i * k + p];
                    for (int j = 0; j < m; j++) {
                        cd[row + j] += aip * bd[j * k + p];
                    }
                }
            }
        } else if (!ta) { // A·Bᵀ: a dot product of a row of A and a row of B per element
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    @F64 double sum = 0;
                    for (int p = 0, ai = i * k, bj = j * k; p < k; p++) {
                        sum += ad[ai + p] * bd[bj + p];
                    }
                    cd[i * m + j] += alpha * sum;
                }
            }
        } else { // Aᵀ·Bᵀ, which the compiler rarely asks for
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    @F64 double sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += ad[p * n + i] * bd[j * k + p];
                    }
                    cd[i * m + j] += alpha * sum;
                }
            }
        }
    }
}
