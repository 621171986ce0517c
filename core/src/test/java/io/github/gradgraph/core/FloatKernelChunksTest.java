package io.github.gradgraph.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The float32 kernels that evaluate a float64 function over chunks ({@link DoubleChunks}) give, to the bit, the
 * function's value at each float argument rounded once — at every size across the chunk boundaries, and in place.
 */
class FloatKernelChunksTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());

    private static final Map<String, BiConsumer<FMatrixRMaj, FMatrixRMaj>> KERNELS = new LinkedHashMap<>();
    private static final Map<String, DoubleUnaryOperator> DEFINITIONS = new LinkedHashMap<>();

    private static void kernel(String name, BiConsumer<FMatrixRMaj, FMatrixRMaj> k, DoubleUnaryOperator f) {
        KERNELS.put(name, k);
        DEFINITIONS.put(name, f);
    }

    static {
        kernel("exp", FloatUnaryOps::exp, Math::exp);
        kernel("log", FloatUnaryOps::log, Math::log);
        kernel("sqrt", FloatUnaryOps::sqrt, Math::sqrt);
        kernel("tanh", FloatUnaryOps::tanh, Math::tanh);
        kernel("sigmoid", FloatUnaryOps::sigmoid, UnaryOps::sigmoid);
        kernel("softplus", FloatUnaryOps::softplus, FloatUnaryOps::softplusForFloat);
        kernel("normal_cdf", FloatUnaryOps::normalCdf, SmoothActivations::normalCdf);
        kernel("gelu", FloatUnaryOps::gelu, SmoothActivations::gelu);
        kernel("gelu_tanh", FloatUnaryOps::geluTanh, SmoothActivations::geluTanh);
        kernel("silu", FloatUnaryOps::silu, SmoothActivations::silu);
        kernel("gelu_derivative", FloatUnaryOps::geluDerivative, SmoothActivations::geluDerivative);
        kernel("silu_derivative", FloatUnaryOps::siluDerivative, SmoothActivations::siluDerivative);
        kernel("elu", (a, o) -> FloatUnaryOps.elu(0.7, a, o),
                x -> Math.max(x, 0.0) + 0.7 * Math.expm1(Math.min(x, 0.0)));
        kernel("pow", (a, o) -> FloatUnaryOps.pow(a, 1.5, o), x -> Math.pow(x, 1.5));
    }

    @Test
    void everyChunkedKernel_isTheFloat64FunctionRoundedOnce_atEverySize_andInPlace() {
        AtomicInteger compared = new AtomicInteger();
        System.out.println("FloatKernelChunksTest seed " + SEED + " (replay with -Dgradgraph.seed=" + SEED + ")");
        qt().withFixedSeed(SEED).withExamples(60)
                .forAll(integers().between(1, 3 * DoubleChunks.SIZE + 7), integers().all())
                .checkAssert((n, seed) -> {
                    Random r = new Random(seed);
                    FMatrixRMaj a = new FMatrixRMaj(1, n);
                    for (int i = 0; i < n; i++) {
                        a.data[i] = (float) (r.nextGaussian() * Math.pow(4, r.nextInt(6) - 2));
                    }
                    for (Map.Entry<String, BiConsumer<FMatrixRMaj, FMatrixRMaj>> e : KERNELS.entrySet()) {
                        DoubleUnaryOperator f = DEFINITIONS.get(e.getKey());
                        FMatrixRMaj out = new FMatrixRMaj(1, n);
                        e.getValue().accept(a, out);
                        FMatrixRMaj inPlace = a.copy();
                        e.getValue().accept(inPlace, inPlace);
                        for (int i = 0; i < n; i++) {
                            float want = (float) f.applyAsDouble(a.data[i]);
                            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(out.data[i]),
                                    e.getKey() + "(" + a.data[i] + ") at " + i + " of " + n);
                            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(inPlace.data[i]),
                                    e.getKey() + " in place at " + i + " of " + n);
                            compared.incrementAndGet();
                        }
                    }
                });
        assertTrue(compared.get() > 60 * 14 * 100, "compared " + compared.get() + " values");
    }

    /** The float softplus's shortcut against the float64 function rounded: at most 1 ulp apart, over every range. */
    @Test
    void floatSoftplus_isWithinOneUlpOfTheFloat64FunctionRounded() {
        Random r = new Random(7);
        int differ = 0;
        int n = 2_000_000;
        for (int i = 0; i < n; i++) {
            float x = i % 2 == 0 ? Float.intBitsToFloat(r.nextInt()) : (float) (r.nextGaussian() * 30);
            if (Float.isNaN(x)) {
                continue;
            }
            float want = (float) UnaryOps.softplus(x);
            float got = (float) FloatUnaryOps.softplusForFloat(x);
            long ulps = Math.abs((long) Float.floatToIntBits(want) - Float.floatToIntBits(got));
            assertTrue(ulps <= 1, "softplus(" + x + "): " + got + " vs " + want);
            differ += ulps > 0 ? 1 : 0;
        }
        for (float x : new float[] {Float.NEGATIVE_INFINITY, -1e30f, -104f, -20f, -19.4f, 0f, 1e-30f, 19.4f, 88f,
            1e30f, Float.POSITIVE_INFINITY}) {
            float want = (float) UnaryOps.softplus(x);
            assertEquals(want, (float) FloatUnaryOps.softplusForFloat(x), Math.ulp(want), "softplus(" + x + ")");
        }
        assertTrue(Double.isNaN(FloatUnaryOps.softplusForFloat(Double.NaN)));
        assertTrue(differ < n / 100, differ + " of " + n + " differ");
        System.out.println("float softplus: " + differ + " of " + n + " arguments one ulp from the float64 function");
    }
}
