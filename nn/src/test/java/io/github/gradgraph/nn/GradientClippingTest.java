package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The global norm over several gradients against the exact one (BigDecimal), for ordinary gradients and for
 * gradients whose squares overflow a double (the norm itself still fits); only each matrix's own elements count, not a
 * longer buffer's tail.
 */
class GradientClippingTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());

    @Test
    void globalNorm_isTheExactNorm_ordinaryOrOverflowing() {
        int[] overflowed = {0};
        System.out.println("GradientClippingTest seed " + SEED + " (replay with -Dgradgraph.seed=" + SEED + ")");
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(integers().between(1, 5), integers().between(0, Integer.MAX_VALUE))
                .checkAssert((count, seed) -> {
                    Random r = new Random(seed);
                    boolean huge = r.nextBoolean();
                    List<DMatrixRMaj> grads = new ArrayList<>();
                    BigDecimal exact = BigDecimal.ZERO;
                    for (int k = 0; k < count; k++) {
                        DMatrixRMaj g = new DMatrixRMaj(1 + r.nextInt(9), 1 + r.nextInt(9));
                        g.reshape(g.numRows, g.numCols - (g.numCols > 1 ? 1 : 0)); // the buffer outlasts the matrix
                        if (g.getNumElements() < g.data.length) {
                            g.data[g.data.length - 1] = 1e300; // counted, it would dominate the norm
                        }
                        for (int i = 0; i < g.getNumElements(); i++) {
                            g.data[i] = r.nextGaussian() * (huge ? 1e170 : 1e-3);
                            exact = exact.add(new BigDecimal(g.data[i]).pow(2));
                        }
                        grads.add(g);
                    }
                    double want = exact.sqrt(MathContext.DECIMAL64).doubleValue();
                    overflowed[0] += huge ? 1 : 0;
                    assertEquals(want, GradientClipping.globalNorm(grads), 1e-14 * want);
                });
        assertTrue(overflowed[0] > 50, "the overflowing path ran");
    }

    @Test
    void clipValues_clampsEveryElement_asClipGradValue_andOnlyTheMatrixsOwn() {
        DMatrixRMaj g = new DMatrixRMaj(new double[][] {{-7, 0.5}, {5, 5.000001}});
        DMatrixRMaj h = new DMatrixRMaj(3, 1);
        h.setData(new double[] {-1e300, 2, -4.9, 9});
        h.reshape(3, 1); // the buffer's fourth value is not the matrix's
        GradientClipping.clipValues(List.of(g, h), 5);
        assertEquals(List.of(-5.0, 0.5, 5.0, 5.0), List.of(g.data[0], g.data[1], g.data[2], g.data[3]));
        assertEquals(List.of(-5.0, 2.0, -4.9, 9.0), List.of(h.data[0], h.data[1], h.data[2], h.data[3]));
    }
}
