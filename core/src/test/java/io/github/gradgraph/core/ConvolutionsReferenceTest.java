package io.github.gradgraph.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The convolution kernels against the definition written as nested loops over (image, output row, output column,
 * output channel, filter row, filter column, input channel), at random geometries — stride 1–3, padding 0–2 or
 * {@code same}, f 1–5, 1–4 channels in and out, non-square images, batches of 1 to 5 — on every GEMM backend, and
 * batches large enough that the passes split over the pool.
 */
class ConvolutionsReferenceTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());

    /** A random geometry from the property's draws; null when the window does not fit. */
    static ConvGeometry geometry(int h, int w, int c, int f, int stride, int pad) {
        try {
            return pad == 3 ? ConvGeometry.same(h, w, c, f, stride) : ConvGeometry.of(h, w, c, f, stride, pad);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static DMatrixRMaj random(int rows, int cols, Random r) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = r.nextGaussian();
        }
        return m;
    }

    static double at(ConvGeometry g, DMatrixRMaj a, int h, int w, int c, int i) {
        if (h < 0 || h >= g.height() || w < 0 || w >= g.width()) {
            return 0.0;
        }
        return a.get((h * g.width() + w) * g.channels() + c, i);
    }

    /** Z[(ho, wo, co), i] = b[co] + Σ_{p, q, k} W[co, (p, q, k)] · A[(ho·s + p − pt, wo·s + q − pl, k), i]. */
    static DMatrixRMaj naiveConv(ConvGeometry g, DMatrixRMaj a, DMatrixRMaj w, DMatrixRMaj b) {
        int cOut = w.numRows;
        int f = g.filter();
        DMatrixRMaj z = new DMatrixRMaj(g.positions() * cOut, a.numCols);
        for (int i = 0; i < a.numCols; i++) {
            for (int ho = 0; ho < g.outHeight(); ho++) {
                for (int wo = 0; wo < g.outWidth(); wo++) {
                    for (int co = 0; co < cOut; co++) {
                        double sum = b == null ? 0.0 : b.get(co, 0);
                        for (int p = 0; p < f; p++) {
                            for (int q = 0; q < f; q++) {
                                for (int k = 0; k < g.channels(); k++) {
                                    sum += w.get(co, (p * f + q) * g.channels() + k) * at(g, a,
                                            ho * g.stride() + p - g.padTop(), wo * g.stride() + q - g.padLeft(), k, i);
                                }
                            }
                        }
                        z.set((ho * g.outWidth() + wo) * cOut + co, i, sum);
                    }
                }
            }
        }
        return z;
    }

    /** The same seven loops, accumulating ∂⟨dZ, Z⟩ into dA and dW. */
    static DMatrixRMaj[] naiveGrads(ConvGeometry g, DMatrixRMaj a, DMatrixRMaj w, DMatrixRMaj dz) {
        int cOut = w.numRows;
        int f = g.filter();
        DMatrixRMaj da = new DMatrixRMaj(a.numRows, a.numCols);
        DMatrixRMaj dw = new DMatrixRMaj(w.numRows, w.numCols);
        for (int i = 0; i < a.numCols; i++) {
            for (int ho = 0; ho < g.outHeight(); ho++) {
                for (int wo = 0; wo < g.outWidth(); wo++) {
                    for (int co = 0; co < cOut; co++) {
                        double up = dz.get((ho * g.outWidth() + wo) * cOut + co, i);
                        for (int p = 0; p < f; p++) {
                            for (int q = 0; q < f; q++) {
                                for (int k = 0; k < g.channels(); k++) {
                                    int h = ho * g.stride() + p - g.padTop();
                                    int x = wo * g.stride() + q - g.padLeft();
                                    int col = (p * f + q) * g.channels() + k;
                                    dw.add(co, col, up * at(g, a, h, x, k, i));
                                    if (h >= 0 && h < g.height() && x >= 0 && x < g.width()) {
                                        int row = (h * g.width() + x) * g.channels() + k;
                                        da.add(row, i, up * w.get(co, col));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new DMatrixRMaj[] {da, dw};
    }

    static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, String what) {
        assertEquals(expected.numRows, actual.numRows, what);
        assertEquals(expected.numCols, actual.numCols, what);
        for (int i = 0; i < expected.data.length; i++) {
            double e = expected.data[i];
            assertEquals(e, actual.data[i], 1e-12 * (1 + Math.abs(e)), what + " at " + i);
        }
    }

    static void checkConv(ConvGeometry g, int cOut, int m, Random r) {
        DMatrixRMaj a = random(g.inputRows(), m, r);
        DMatrixRMaj w = random(cOut, g.patch(), r);
        DMatrixRMaj b = random(cOut, 1, r);
        DMatrixRMaj dz = random(g.positions() * cOut, m, r);
        String what = g + " → " + cOut + " channels, m=" + m + ", " + MatMul.backend().name();
        DMatrixRMaj z = new DMatrixRMaj(g.positions() * cOut, m);
        Convolutions.conv(g, a, w, b, z);
        assertClose(naiveConv(g, a, w, b), z, "conv " + what);
        Convolutions.conv(g, a, w, null, z);
        assertClose(naiveConv(g, a, w, null), z, "conv without bias " + what);
        DMatrixRMaj[] expected = naiveGrads(g, a, w, dz);
        DMatrixRMaj da = random(a.numRows, m, r); // stale contents must be overwritten
        Convolutions.convInputGrad(g, dz, w, da);
        assertClose(expected[0], da, "input gradient " + what);
        DMatrixRMaj dw = random(cOut, g.patch(), r);
        Convolutions.convFilterGrad(g, a, dz, dw);
        assertClose(expected[1], dw, "filter gradient " + what);
    }

    @Test
    void kernels_equalTheSevenLoops_atRandomGeometries_onEveryBackend() {
        System.out.println("ConvolutionsReferenceTest seed " + SEED);
        Gemm before = MatMul.backend();
        List<Gemm> backends = GemmBackendsPropertyTest.backends();
        AtomicInteger ran = new AtomicInteger();
        try {
            for (Gemm backend : backends) {
                MatMul.setBackend(backend);
                qt().withFixedSeed(SEED).withExamples(60)
                        .forAll(integers().between(1, 9), integers().between(1, 9), integers().between(1, 4),
                                integers().between(0, 59))
                        .checkAssert((h, w, c, window) -> {
                            int f = 1 + window % 5;
                            int stride = 1 + window / 5 % 3;
                            int pad = window / 15;
                            ConvGeometry g = geometry(h, w, c, f, stride, pad);
                            if (g == null) {
                                return;
                            }
                            Random r = new Random(SEED + h * 31L + w * 7L + c * 5L + f * 3L + stride + pad * 11L);
                            checkConv(g, 1 + r.nextInt(4), 1 + r.nextInt(5), r);
                            ran.incrementAndGet();
                        });
            }
        } finally {
            MatMul.setBackend(before);
        }
        assertTrue(ran.get() >= 30 * backends.size(), "only " + ran.get() + " geometries fit");
    }

    @Test
    void largeBatches_splitOverThePool_andStillEqualTheLoops() {
        Random r = new Random(SEED);
        checkConv(ConvGeometry.of(12, 10, 3, 5, 1, 2), 4, 70, r); // LeNet-like, 70 images: passes split
        checkConv(ConvGeometry.same(16, 16, 3, 4, 1), 8, 40, r); // the SIGNS net's first layer, odd padding
        checkConv(ConvGeometry.of(9, 13, 2, 3, 2, 1), 3, 65, r);
        checkConv(ConvGeometry.of(4, 4, 3, 2, 2, 2), 8, 10, r); // padding wider than the filter: outputs of b alone
    }

    /**
     * Batches so large that each tile of positions is one product big enough to split (LeNet-5's second convolution
     * over 10 000 test images): the tiles' parts run on the pool and each part's product would split again. Two runs
     * give the same bits, and every value equals the one computed 64 columns at a time, where nothing splits.
     */
    @Test
    void batchesWhoseTileProductsSplit_giveTheSameBitsEveryRun_andEqualThe64ColumnBlocks() {
        System.out.println("ConvolutionsReferenceTest seed " + SEED + ", " + Parallel.shared().threads() + " threads");
        qt().withFixedSeed(SEED).withExamples(4)
                .forAll(integers().between(3, 7), integers().between(3, 7), integers().between(4, 6),
                        integers().between(0, 99))
                .checkAssert((h, w, c, draw) -> {
                    int f = 3 + draw % 3;
                    int pad = draw / 3 % 3;
                    int cOut = 8 + draw / 9 % 9;
                    ConvGeometry g = geometry(h, w, c, f, 1, pad);
                    if (g == null || g.positions() < 2) {
                        return;
                    }
                    int m = (int) (NetlibGemm.PARALLEL_FLOPS / ((long) cOut * g.patch())) + 1 + draw;
                    Random r = new Random(SEED + h * 31L + w * 7L + c * 5L + draw);
                    checkSplitBatch(g, cOut, m, r);
                });
    }

    private static void checkSplitBatch(ConvGeometry g, int cOut, int m, Random r) {
        DMatrixRMaj a = random(g.inputRows(), m, r);
        DMatrixRMaj w = random(cOut, g.patch(), r);
        DMatrixRMaj b = random(cOut, 1, r);
        DMatrixRMaj dz = random(g.positions() * cOut, m, r);
        String what = g + " → " + cOut + " channels, m=" + m + ", " + MatMul.backend().name();
        DMatrixRMaj z = new DMatrixRMaj(g.positions() * cOut, m);
        Convolutions.conv(g, a, w, b, z);
        DMatrixRMaj first = z.copy();
        Convolutions.conv(g, a, w, b, z);
        assertTrue(java.util.Arrays.equals(first.data, z.data), "conv run twice " + what);
        DMatrixRMaj dw = new DMatrixRMaj(cOut, g.patch());
        Convolutions.convFilterGrad(g, a, dz, dw);
        DMatrixRMaj firstDw = dw.copy();
        Convolutions.convFilterGrad(g, a, dz, dw);
        assertTrue(java.util.Arrays.equals(firstDw.data, dw.data), "filter gradient run twice " + what);

        DMatrixRMaj blocks = new DMatrixRMaj(z.numRows, m);
        DMatrixRMaj blockDw = new DMatrixRMaj(cOut, g.patch());
        DMatrixRMaj partDw = new DMatrixRMaj(cOut, g.patch());
        for (int from = 0; from < m; from += 64) {
            int to = Math.min(m, from + 64);
            DMatrixRMaj aBlock = CommonOps_DDRM.extract(a, 0, a.numRows, from, to);
            DMatrixRMaj zBlock = new DMatrixRMaj(z.numRows, to - from);
            Convolutions.conv(g, aBlock, w, b, zBlock);
            CommonOps_DDRM.insert(zBlock, blocks, 0, from);
            Convolutions.convFilterGrad(g, aBlock, CommonOps_DDRM.extract(dz, 0, dz.numRows, from, to), partDw);
            CommonOps_DDRM.addEquals(blockDw, partDw);
        }
        assertClose(blocks, z, "conv against 64-column blocks " + what);
        for (int i = 0; i < dw.data.length; i++) {
            assertEquals(blockDw.data[i], dw.data[i], 1e-10 * (1 + Math.abs(blockDw.data[i])),
                    "filter gradient against 64-column blocks " + what + " at " + i);
        }
    }

    @Test
    void samePadding_followsKeras_theOddPixelBottomRight() {
        ConvGeometry g = ConvGeometry.same(64, 64, 3, 4, 1);
        assertEquals(List.of(1, 1, 2, 2), List.of(g.padTop(), g.padLeft(), g.padBottom(), g.padRight()));
        assertEquals(64, g.outHeight());
        ConvGeometry pool = ConvGeometry.same(64, 64, 8, 8, 8);
        assertEquals(8, pool.outHeight());
        assertEquals(0, pool.padTop() + pool.padBottom());
        ConvGeometry odd = ConvGeometry.same(7, 5, 1, 2, 2); // ⌈7/2⌉ = 4 rows: 1 pad, at the bottom
        assertEquals(List.of(0, 0, 1, 1), List.of(odd.padTop(), odd.padLeft(), odd.padBottom(), odd.padRight()));
        assertEquals(4, odd.outHeight());
        assertEquals(3, odd.outWidth());
    }

    @Test
    void wrongShapes_andImpossibleGeometries_areRefusedByName() {
        ConvGeometry g = ConvGeometry.of(5, 5, 2, 3, 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Convolutions.conv(g, new DMatrixRMaj(49, 2), new DMatrixRMaj(4, 18), null,
                        new DMatrixRMaj(36, 2)));
        assertTrue(e.getMessage().contains("49 rows for 5×5×2 images"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Convolutions.conv(g, new DMatrixRMaj(50, 2), new DMatrixRMaj(4, 9), null,
                        new DMatrixRMaj(36, 2)));
        assertTrue(e.getMessage().contains("3×3 filter over 2 channels (18 columns)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConvGeometry.of(3, 3, 1, 5, 1, 0));
        assertTrue(e.getMessage().contains("5×5 window does not fit in a 3×3 image"), e.getMessage());
        ConvGeometry wide = ConvGeometry.of(4, 4, 3, 2, 2, 2); // the older course's conv_backward: pad 2 with f 2
        assertEquals(4, wide.outHeight());
        e = assertThrows(IllegalArgumentException.class, wide::checkPoolable);
        assertTrue(e.getMessage().contains("pooling pads at most half its window"), e.getMessage());
    }

    @Test
    void channelSum_andChannelTile_areAdjoint() {
        Random r = new Random(SEED);
        DMatrixRMaj x = random(6 * 3, 4, r);
        DMatrixRMaj sum = new DMatrixRMaj(3, 1);
        Convolutions.channelSum(3, x, sum);
        for (int c = 0; c < 3; c++) {
            double expected = 0;
            for (int pos = 0; pos < 6; pos++) {
                for (int i = 0; i < 4; i++) {
                    expected += x.get(pos * 3 + c, i);
                }
            }
            assertEquals(expected, sum.get(c, 0), 1e-12);
        }
        DMatrixRMaj b = random(3, 1, r);
        DMatrixRMaj tiled = new DMatrixRMaj(18, 1);
        Convolutions.channelTile(6, b, tiled);
        for (int row = 0; row < 18; row++) {
            assertEquals(b.get(row % 3, 0), tiled.get(row, 0));
        }
    }
}
