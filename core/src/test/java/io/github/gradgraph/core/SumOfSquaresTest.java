package io.github.gradgraph.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The eight-accumulator sum of squares against the exact sum (BigDecimal) over every range of random arrays: each
 * element counted once, whatever the range's length modulo eight, within n·ε of the exact value; overflow and NaN
 * reported, never hidden.
 */
class SumOfSquaresTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());

    @Test
    void everyRange_isTheExactSum_withinNEpsilon() {
        int[] tails = new int[8];
        System.out.println("SumOfSquaresTest seed " + SEED + " (replay with -Dgradgraph.seed=" + SEED + ")");
        qt().withFixedSeed(SEED).withExamples(400)
                .forAll(integers().between(0, 70), integers().between(0, Integer.MAX_VALUE))
                .checkAssert((n, seed) -> {
                    Random r = new Random(seed);
                    double[] d = new double[n + 6];
                    for (int i = 0; i < d.length; i++) {
                        d[i] = r.nextGaussian() * Math.pow(10, r.nextInt(20) - 10);
                    }
                    int from = r.nextInt(4);
                    int to = Math.min(d.length, from + n);
                    BigDecimal exact = BigDecimal.ZERO;
                    for (int i = from; i < to; i++) {
                        exact = exact.add(new BigDecimal(d[i]).multiply(new BigDecimal(d[i])));
                    }
                    double want = exact.doubleValue(); // the exact sum, rounded once to the nearest double
                    double got = Reductions.sumOfSquares(d, from, to);
                    assertEquals(want, got, (to - from + 1) * Math.ulp(1.0) * want, "[" + from + ", " + to + ")");
                    tails[(to - from) % 8]++;
                });
        for (int t : tails) {
            assertTrue(t > 10, "every remainder of the length modulo 8 was tried");
        }
    }

    @Test
    void overflowIsInfinite_andNaNIsNaN() {
        double[] d = {1, 2, 3, 1e200, 5, 6, 7, 8, 9, 10};
        assertEquals(Double.POSITIVE_INFINITY, Reductions.sumOfSquares(d, 0, 10));
        assertEquals(14.0, Reductions.sumOfSquares(d, 0, 3));
        d[4] = Double.NaN;
        assertTrue(Double.isNaN(Reductions.sumOfSquares(d, 4, 5)));
        double[] early = {1, 2, 3, Double.NaN, 5, 6, 7, 8, 9, 10}; // in the unrolled part
        assertTrue(Double.isNaN(Reductions.sumOfSquares(early, 0, 10)));
        assertEquals(0.0, Reductions.sumOfSquares(d, 2, 2));
    }
}
