package io.github.gradgraph.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The float32 program's conversions and float finiteness check, serial and split across the pool: narrowing is
 * Java's (float) cast everywhere, widening exact, and a NaN or ∞ anywhere — in any thread's range — is found.
 */
class PrecisionTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());

    @Test
    void narrowWidenAndCheck_serialAndSplit_agreeWithTheCast_atEverySize() {
        AtomicInteger split = new AtomicInteger();
        System.out.println("PrecisionTest seed " + SEED + " (replay with -Dgradgraph.seed=" + SEED + ")");
        qt().withFixedSeed(SEED).withExamples(60).forAll(integers().between(1, 3 * ParallelOps.PARALLEL_ELEMENTS),
                integers().between(0, Integer.MAX_VALUE)).checkAssert((n, seed) -> {
                    Random r = new Random(seed);
                    int rows = 1 + r.nextInt(8);
                    int cols = (n + rows - 1) / rows;
                    DMatrixRMaj d = new DMatrixRMaj(rows, cols);
                    for (int i = 0; i < d.data.length; i++) {
                        d.data[i] = r.nextGaussian() * Math.pow(10, r.nextInt(70) - 35);
                    }
                    FMatrixRMaj serial = new FMatrixRMaj(rows, cols);
                    FMatrixRMaj parallel = new FMatrixRMaj(rows, cols);
                    Precision.narrow(d, serial);
                    ParallelPrecision.narrow(d, parallel);
                    for (int i = 0; i < d.data.length; i++) {
                        assertEquals(Float.floatToRawIntBits((float) d.data[i]),
                                Float.floatToRawIntBits(parallel.data[i]), "element " + i);
                        assertEquals(serial.data[i], parallel.data[i], 0f);
                    }
                    DMatrixRMaj back = new DMatrixRMaj(rows, cols);
                    ParallelPrecision.widen(parallel, back);
                    for (int i = 0; i < d.data.length; i++) {
                        assertEquals((double) parallel.data[i], back.data[i], 0.0);
                    }
                    assertTrue(ParallelPrecision.allFinite(parallel) && Precision.allFinite(parallel));
                    int at = r.nextInt(d.data.length);
                    float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
                    parallel.data[at] = bad[r.nextInt(3)];
                    assertFalse(ParallelPrecision.allFinite(parallel), parallel.data[at] + " at " + at + " of "
                            + d.data.length);
                    assertFalse(Precision.allFinite(parallel));
                    assertEquals(at, Precision.firstNonFinite(parallel));
                    if (d.data.length >= ParallelOps.PARALLEL_ELEMENTS) {
                        split.incrementAndGet();
                    }
                });
        assertTrue(split.get() > 10, "the split path ran " + split.get() + " times");
    }

    @Test
    void extremes_roundAsJavaDoes() {
        DMatrixRMaj d = new DMatrixRMaj(1, 6, true, 1e39, -1e39, Float.MAX_VALUE, Double.MIN_VALUE, -0.0, 0x1p-149);
        FMatrixRMaj f = Precision.toFloat(d);
        assertEquals(Float.POSITIVE_INFINITY, f.data[0]);
        assertEquals(Float.NEGATIVE_INFINITY, f.data[1]);
        assertEquals(Float.MAX_VALUE, f.data[2]);
        assertEquals(0f, f.data[3]);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(f.data[4]), "the sign of zero stays");
        assertEquals(Float.MIN_VALUE, f.data[5]);
        assertFalse(Precision.allFinite(f));
        assertEquals(0, Precision.firstNonFinite(f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParallelPrecision.narrow(new DMatrixRMaj(200, 200), new FMatrixRMaj(200, 199)));
        assertEquals("output is 200×199 but input is 200×200", e.getMessage());
    }
}
