package io.github.gradgraph.core;

import static io.github.gradgraph.core.ConvolutionsReferenceTest.assertClose;
import static io.github.gradgraph.core.ConvolutionsReferenceTest.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Max and average pooling against loops over each window, at random geometries (stride 1–3, padding 0–2 or
 * {@code same}, windows 1–5, 1–4 channels, non-square images, batches 1–5 and large ones that split): the first
 * maximum wins ties, padding is never a value, and the gradients are the adjoints of the gathers.
 */
class PoolingReferenceTest {
    static final long SEED = ConvolutionsReferenceTest.SEED;

    /** The row of the first maximum of window (ho, wo) in channel c of image i (NaN wins, the last one). */
    static int naiveArgMax(ConvGeometry g, DMatrixRMaj a, int ho, int wo, int c, int i) {
        int best = -1;
        for (int p = 0; p < g.filter(); p++) {
            for (int q = 0; q < g.filter(); q++) {
                int h = ho * g.stride() + p - g.padTop();
                int w = wo * g.stride() + q - g.padLeft();
                if (h < 0 || h >= g.height() || w < 0 || w >= g.width()) {
                    continue;
                }
                int row = (h * g.width() + w) * g.channels() + c;
                double v = a.get(row, i);
                if (best < 0 || v > a.get(best, i) || Double.isNaN(v)) {
                    best = row;
                }
            }
        }
        return best;
    }

    static void check(ConvGeometry g, int m, Random r, boolean ties) {
        DMatrixRMaj a = random(g.inputRows(), m, r);
        if (ties) {
            for (int k = 0; k < a.data.length; k++) {
                a.data[k] = Math.round(a.data[k]); // many equal values in a window
            }
        }
        int rows = g.positions() * g.channels();
        DMatrixRMaj grad = random(rows, m, r);
        DMatrixRMaj max = new DMatrixRMaj(rows, m);
        DMatrixRMaj avg = new DMatrixRMaj(rows, m);
        DMatrixRMaj scatter = random(a.numRows, m, r);
        DMatrixRMaj spread = random(a.numRows, m, r);
        Pooling.maxPool(g, a, max);
        Pooling.avgPool(g, a, avg);
        Pooling.maxPoolScatter(g, a, grad, scatter);
        Pooling.avgPoolGrad(g, grad, spread);
        DMatrixRMaj x = random(a.numRows, m, r);
        DMatrixRMaj gathered = new DMatrixRMaj(rows, m);
        Pooling.maxPoolGather(g, a, x, gathered);
        DMatrixRMaj eMax = new DMatrixRMaj(rows, m);
        DMatrixRMaj eAvg = new DMatrixRMaj(rows, m);
        DMatrixRMaj eScatter = new DMatrixRMaj(a.numRows, m);
        DMatrixRMaj eSpread = new DMatrixRMaj(a.numRows, m);
        DMatrixRMaj eGathered = new DMatrixRMaj(rows, m);
        for (int i = 0; i < m; i++) {
            for (int ho = 0; ho < g.outHeight(); ho++) {
                for (int wo = 0; wo < g.outWidth(); wo++) {
                    for (int c = 0; c < g.channels(); c++) {
                        int out = (ho * g.outWidth() + wo) * g.channels() + c;
                        int arg = naiveArgMax(g, a, ho, wo, c, i);
                        eMax.set(out, i, a.get(arg, i));
                        eScatter.add(arg, i, grad.get(out, i));
                        eGathered.set(out, i, x.get(arg, i));
                        double sum = 0;
                        int count = 0;
                        for (int p = 0; p < g.filter(); p++) {
                            for (int q = 0; q < g.filter(); q++) {
                                int h = ho * g.stride() + p - g.padTop();
                                int w = wo * g.stride() + q - g.padLeft();
                                if (h >= 0 && h < g.height() && w >= 0 && w < g.width()) {
                                    sum += a.get((h * g.width() + w) * g.channels() + c, i);
                                    count++;
                                }
                            }
                        }
                        eAvg.set(out, i, sum / count);
                        for (int p = 0; p < g.filter(); p++) {
                            for (int q = 0; q < g.filter(); q++) {
                                int h = ho * g.stride() + p - g.padTop();
                                int w = wo * g.stride() + q - g.padLeft();
                                if (h >= 0 && h < g.height() && w >= 0 && w < g.width()) {
                                    eSpread.add((h * g.width() + w) * g.channels() + c, i, grad.get(out, i) / count);
                                }
                            }
                        }
                    }
                }
            }
        }
        String what = g + ", m=" + m + (ties ? ", with ties" : "");
        assertClose(eMax, max, "max pool " + what);
        assertClose(eAvg, avg, "average pool " + what);
        assertClose(eScatter, scatter, "max-pool gradient " + what);
        assertClose(eSpread, spread, "average-pool gradient " + what);
        assertClose(eGathered, gathered, "max-pool gather " + what);
    }

    @Test
    void pooling_equalsTheWindowLoops_atRandomGeometries() {
        System.out.println("PoolingReferenceTest seed " + SEED);
        AtomicInteger ran = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(150)
                .forAll(integers().between(1, 9), integers().between(1, 9), integers().between(1, 4),
                        integers().between(0, 59))
                .checkAssert((h, w, c, window) -> {
                    int f = 1 + window % 5; // window: f 1–5, stride 1–3, padding 0–2 or same (3)
                    int stride = 1 + window / 5 % 3;
                    int pad = window / 15;
                    ConvGeometry g = ConvolutionsReferenceTest.geometry(h, w, c, f, stride, pad);
                    if (g == null || 2 * Math.max(g.padBottom(), g.padRight()) > f) {
                        return;
                    }
                    Random r = new Random(SEED + h * 31L + w * 7L + c * 5L + f * 3L + stride + pad * 11L);
                    check(g, 1 + r.nextInt(5), r, r.nextBoolean());
                    ran.incrementAndGet();
                });
        assertTrue(ran.get() >= 75, "only " + ran.get() + " geometries fit");
    }

    @Test
    void largeBatches_splitOverThePool_andStillEqualTheLoops() {
        Random r = new Random(SEED);
        check(ConvGeometry.of(12, 12, 6, 2, 2, 0), 90, r, true);
        check(ConvGeometry.same(16, 16, 8, 8, 8), 64, r, false);
        check(ConvGeometry.of(9, 11, 3, 3, 1, 1), 70, r, true); // overlapping windows, split by images
    }

    @Test
    void ties_goToTheFirst_andTheBranchHashSeesAMovedMaximum() {
        ConvGeometry g = ConvGeometry.of(2, 2, 1, 2, 2, 0);
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1}, {3}, {3}, {0}});
        DMatrixRMaj out = new DMatrixRMaj(4, 1);
        Pooling.maxPoolScatter(g, a, new DMatrixRMaj(new double[][] {{5}}), out);
        assertEquals(5.0, out.get(1, 0));
        assertEquals(0.0, out.get(2, 0));
        long tie = Pooling.maxPoolBranch(g, a);
        a.set(2, 0, 3.0000001);
        assertNotEquals(tie, Pooling.maxPoolBranch(g, a));
        DMatrixRMaj nan = new DMatrixRMaj(new double[][] {{1}, {Double.NaN}, {3}, {0}});
        DMatrixRMaj pooled = new DMatrixRMaj(1, 1);
        Pooling.maxPool(g, nan, pooled);
        assertTrue(Double.isNaN(pooled.get(0, 0)), "a NaN in the window propagates, as in PyTorch");
        DMatrixRMaj twoNaNs = new DMatrixRMaj(new double[][] {{Double.NaN}, {7}, {Double.NaN}, {0}});
        DMatrixRMaj routed = new DMatrixRMaj(4, 1);
        Pooling.maxPoolScatter(g, twoNaNs, new DMatrixRMaj(new double[][] {{5}}), routed);
        assertEquals(5.0, routed.get(2, 0), "the gradient of a NaN window goes to its last NaN, as in PyTorch");
        assertEquals(5.0, routed.get(0, 0) + routed.get(1, 0) + routed.get(2, 0) + routed.get(3, 0));
    }
}
