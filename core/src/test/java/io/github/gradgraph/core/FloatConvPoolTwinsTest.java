package io.github.gradgraph.core;

import static io.github.gradgraph.core.ConvolutionsReferenceTest.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The float32 convolution and pooling kernels equal the float64 ones within float32 rounding, geometry by geometry. */
class FloatConvPoolTwinsTest {
    static final long SEED = ConvolutionsReferenceTest.SEED;

    private static void assertNear(DMatrixRMaj expected, FMatrixRMaj actual, double scale, String what) {
        assertEquals(expected.getNumElements(), actual.getNumElements(), what);
        for (int i = 0; i < expected.data.length; i++) {
            assertEquals(expected.data[i], actual.data[i], 1e-5 * scale * (1 + Math.abs(expected.data[i])),
                    what + " at " + i);
        }
    }

    private static FMatrixRMaj f(DMatrixRMaj d) {
        return Precision.toFloat(d);
    }

    static void check(ConvGeometry g, int cOut, int m, Random r) {
        DMatrixRMaj a = random(g.inputRows(), m, r);
        DMatrixRMaj w = random(cOut, g.patch(), r);
        DMatrixRMaj b = random(cOut, 1, r);
        DMatrixRMaj dz = random(g.positions() * cOut, m, r);
        // the float64 reference runs on the float32 inputs widened, so only the kernels' own rounding differs
        a = Precision.toDouble(f(a));
        w = Precision.toDouble(f(w));
        b = Precision.toDouble(f(b));
        dz = Precision.toDouble(f(dz));
        double k = g.patch();
        DMatrixRMaj z = new DMatrixRMaj(g.positions() * cOut, m);
        FMatrixRMaj zf = new FMatrixRMaj(z.numRows, m);
        Convolutions.conv(g, a, w, b, z);
        FloatConvolutions.conv(g, f(a), f(w), f(b), zf);
        assertNear(z, zf, k, "conv " + g);
        DMatrixRMaj da = new DMatrixRMaj(a.numRows, m);
        FMatrixRMaj daf = new FMatrixRMaj(a.numRows, m);
        Convolutions.convInputGrad(g, dz, w, da);
        FloatConvolutions.convInputGrad(g, f(dz), f(w), daf);
        assertNear(da, daf, k * cOut, "input gradient " + g);
        DMatrixRMaj dw = new DMatrixRMaj(cOut, g.patch());
        FMatrixRMaj dwf = new FMatrixRMaj(cOut, g.patch());
        Convolutions.convFilterGrad(g, a, dz, dw);
        FloatConvolutions.convFilterGrad(g, f(a), f(dz), dwf);
        assertNear(dw, dwf, g.positions() * m, "filter gradient " + g);
        if (2 * Math.max(g.padBottom(), g.padRight()) > g.filter()) {
            return; // not a pooling geometry
        }
        int rows = g.positions() * g.channels();
        DMatrixRMaj pooled = new DMatrixRMaj(rows, m);
        FMatrixRMaj pooledF = new FMatrixRMaj(rows, m);
        Pooling.maxPool(g, a, pooled);
        FloatPooling.maxPool(g, f(a), pooledF);
        assertNear(pooled, pooledF, 1, "max pool " + g);
        Pooling.avgPool(g, a, pooled);
        FloatPooling.avgPool(g, f(a), pooledF);
        assertNear(pooled, pooledF, g.filter() * g.filter(), "average pool " + g);
        DMatrixRMaj up = Precision.toDouble(f(random(rows, m, r)));
        DMatrixRMaj back = new DMatrixRMaj(a.numRows, m);
        FMatrixRMaj backF = new FMatrixRMaj(a.numRows, m);
        Pooling.maxPoolScatter(g, a, up, back);
        FloatPooling.maxPoolScatter(g, f(a), f(up), backF);
        assertNear(back, backF, g.filter() * g.filter(), "max-pool gradient " + g);
        Pooling.avgPoolGrad(g, up, back);
        FloatPooling.avgPoolGrad(g, f(up), backF);
        assertNear(back, backF, g.filter() * g.filter(), "average-pool gradient " + g);
        DMatrixRMaj sum = new DMatrixRMaj(cOut, 1);
        FMatrixRMaj sumF = new FMatrixRMaj(cOut, 1);
        Convolutions.channelSum(cOut, dz, sum);
        FloatConvolutions.channelSum(cOut, f(dz), sumF);
        assertNear(sum, sumF, 1, "channel sum " + g);
    }

    @Test
    void floatKernels_equalTheDoubleOnes_withinFloatRounding() {
        AtomicInteger ran = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(60)
                .forAll(integers().between(1, 9), integers().between(1, 9), integers().between(1, 4),
                        integers().between(0, 59))
                .checkAssert((h, w, c, window) -> {
                    ConvGeometry g = ConvolutionsReferenceTest.geometry(h, w, c, 1 + window % 5,
                            1 + window / 5 % 3, window / 15);
                    if (g == null) {
                        return;
                    }
                    Random r = new Random(SEED + h * 31L + w * 7L + c * 5L + window);
                    check(g, 1 + r.nextInt(4), 1 + r.nextInt(5), r);
                    ran.incrementAndGet();
                });
        assertTrue(ran.get() >= 30);
        check(ConvGeometry.of(12, 10, 3, 5, 1, 2), 4, 70, new Random(SEED));
    }
}
