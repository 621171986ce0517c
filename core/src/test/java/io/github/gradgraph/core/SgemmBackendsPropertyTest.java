package io.github.gradgraph.core;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Every backend's float32 product (native OpenBLAS sgemm, netlib's Java sgemm, EJML's float kernels; one thread and
 * split across two, along rows, columns and the inner dimension) against the float64 product of the same float
 * inputs, which is exact to float precision: |C₃₂ − C₆₄| ≤ (k + 2)·ε₃₂·(|α|·(|op(A)|·|op(B)|) + |β|·|C₀|), the
 * standard bound of a dot product of k terms accumulated in float, for every α, β form and C's old contents ignored
 * when β = 0.
 */
class SgemmBackendsPropertyTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());
    private static final List<Gemm> BACKENDS = GemmBackendsPropertyTest.backends();
    private static final double EPS = DType.F32.epsilon();

    @Test
    void everyBackend_sgemmWithinTheDotProductBound_overShapesTransposesAlphaAndBeta() {
        System.out.println("SgemmBackendsPropertyTest seed " + SEED + " on " + BACKENDS.size() + " backends");
        AtomicInteger ran = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(integers().between(1, 70), integers().between(1, 70), integers().between(1, 70),
                        integers().between(0, 15))
                .checkAssert((m, n, k, kind) -> {
                    Random r = new Random(SEED + m * 31L + n * 7L + k + kind * 101L);
                    check(m, n, kind % 3 == 0 ? 3000 + k : k, kind, r);
                    ran.incrementAndGet();
                });
        Random r = new Random(SEED);
        for (int form = 0; form < 4; form++) {
            check(160, 150, 140, form, r); // over the split threshold: both threads work
            check(1, 300, 7000, form, r);
            check(20, 1500, 209, form, r); // split by columns
            check(1500, 3, 400, form, r); // split by rows
            check(20, 209, 4000, form, r); // k dwarfs C: split along k
        }
        assertTrue(ran.get() >= 190, "too few examples: " + ran.get());
        assertTrue(BACKENDS.size() >= 3, "expected the Java BLAS on one and two threads and EJML: " + BACKENDS);
    }

    private static void check(int m, int n, int k, int kind, Random r) {
        int form = kind & 3;
        boolean ta = (form & 1) != 0;
        boolean tb = (form & 2) != 0;
        float alpha = new float[] {1f, 0.25f, -1.5f, 1f / 64}[(kind >> 2) & 3];
        float beta = new float[] {0f, 1f, -0.5f, 0f}[(kind >> 1) & 3];
        FMatrixRMaj a = random(ta ? k : m, ta ? m : k, r);
        FMatrixRMaj b = random(tb ? n : k, tb ? k : n, r);
        FMatrixRMaj c0 = random(m, n, r);
        if (beta == 0f) {
            c0.fill(Float.NaN); // ignored with β = 0, as in BLAS
        }
        DMatrixRMaj product = new DMatrixRMaj(m, n);
        DMatrixRMaj magnitude = new DMatrixRMaj(m, n);
        new EjmlGemm().gemm(1.0, ta, tb, Precision.toDouble(a), Precision.toDouble(b), 0.0, product);
        new EjmlGemm().gemm(1.0, ta, tb, abs(Precision.toDouble(a)), abs(Precision.toDouble(b)), 0.0, magnitude);
        for (Gemm g : BACKENDS) {
            FMatrixRMaj c = c0.copy();
            g.sgemm(alpha, ta, tb, a, b, beta, c);
            for (int i = 0; i < c.getNumElements(); i++) {
                double old = beta == 0f ? 0.0 : beta * (double) c0.data[i];
                double want = alpha * product.data[i] + old;
                double bound = (k + 2) * EPS * (Math.abs(alpha) * magnitude.data[i] + Math.abs(old));
                double err = Math.abs(c.data[i] - want);
                assertTrue(err <= bound, g.name() + " " + m + "×" + n + "×" + k + " form " + form + " α " + alpha
                        + " β " + beta + ": |diff| " + err + " > " + bound);
            }
        }
    }

    private static DMatrixRMaj abs(DMatrixRMaj x) {
        for (int i = 0; i < x.getNumElements(); i++) {
            x.data[i] = Math.abs(x.data[i]);
        }
        return x;
    }

    private static FMatrixRMaj random(int rows, int cols, Random r) {
        FMatrixRMaj x = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < x.getNumElements(); i++) {
            x.data[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
