package io.github.gradgraph.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The thin products against EJML's, in every transpose case, at shapes that take every branch (a single column, a
 * few inner terms, many), with α and β of every kind, β = 0 ignoring a NaN already in C; the float32 twin against
 * the float64 result within float rounding.
 */
class ThinProductsTest {
    private static final double[] SCALARS = {0, 1, -0.5, 2};

    private static DMatrixRMaj random(int rows, int cols, Random r) {
        DMatrixRMaj x = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = r.nextGaussian();
        }
        return x;
    }

    @Test
    void everyCase_matchesEjml() {
        AtomicInteger ran = new AtomicInteger();
        qt().withFixedSeed(7).withExamples(800).forAll(integers().between(1, 9), integers().between(1, 9),
                integers().between(1, 9), integers().between(0, 63)).checkAssert((n, m, k, v) -> {
                    Random r = new Random(((n * 31L + m) * 31 + k) * 64 + v);
                    boolean ta = (v & 1) != 0;
                    boolean tb = (v & 2) != 0;
                    int mm = (v & 4) != 0 ? 1 : m; // a single column half the time
                    double alpha = SCALARS[v / 8 % 4] == 0 ? 1.5 : SCALARS[v / 8 % 4];
                    double beta = SCALARS[v / 32 % 2 == 0 ? 0 : 1 + v % 3];
                    DMatrixRMaj a = ta ? random(k, n, r) : random(n, k, r);
                    DMatrixRMaj b = tb ? random(mm, k, r) : random(k, mm, r);
                    DMatrixRMaj c = random(n, mm, r);
                    if (beta == 0) {
                        c.data[0] = Double.NaN; // ignored, as BLAS ignores C when β = 0
                    }
                    DMatrixRMaj expected = c.copy();
                    DMatrixRMaj product = new DMatrixRMaj(n, mm);
                    DMatrixRMaj at = ta ? CommonOps_DDRM.transpose(a, null) : a;
                    DMatrixRMaj bt = tb ? CommonOps_DDRM.transpose(b, null) : b;
                    CommonOps_DDRM.mult(alpha, at, bt, product);
                    for (int i = 0; i < expected.data.length; i++) {
                        expected.data[i] = (beta == 0 ? 0 : beta * expected.data[i]) + product.data[i];
                    }
                    FMatrixRMaj cf = Precision.toFloat(c);
                    ThinProducts.gemm(alpha, ta, tb, a, b, beta, c);
                    FloatThinProducts.gemm((float) alpha, ta, tb, Precision.toFloat(a), Precision.toFloat(b),
                            (float) beta, cf);
                    for (int i = 0; i < expected.data.length; i++) {
                        String where = (ta ? "Aᵀ" : "A") + (tb ? "·Bᵀ" : "·B") + " " + n + "×" + k + "×" + mm
                                + " α " + alpha + " β " + beta + " element " + i;
                        assertEquals(expected.data[i], c.data[i], 1e-12 * (k + 2), where);
                        assertEquals(expected.data[i], cf.data[i], 2e-6 * (k + 2) * 4, where + " (float32)");
                    }
                    ran.incrementAndGet();
                });
        assertTrue(ran.get() >= 700, "ran " + ran.get());
    }
}
