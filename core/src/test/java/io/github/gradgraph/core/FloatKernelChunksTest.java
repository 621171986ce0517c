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
        kernel("softplus", FloatUnaryOps::softplus, UnaryOps::softplus);
        kernel("normal_cdf", FloatUnaryOps::normalCdf, SmoothActivations::normalCdf);
        kernel("gelu", FloatUnaryOps::gelu, SmoothActivations::gelu);
        kernel("gelu_tanh", FloatUnaryOps::geluTanh, SmoothActivations::geluTanh);
        kernel("silu", FloatUnaryOps::silu, SmoothActivations::silu);
        kernel("gelu_derivative", FloatUnaryOps::geluDerivative, SmoothActivations::geluDerivative);
        kernel("silu_derivative", FloatUnaryOps::siluDerivative, SmoothActivations::siluDerivative);
        kernel("elu", (a, o) -> FloatUnaryOps.elu(0.7, a, o), x -> Math.max(x, 0.0) + 0.7 * Math.expm1(Math.min(x, 0.0)));
        kernel("pow", (a, o) -> FloatUnaryOps.pow(a, 1.5, o), x -> Math.pow(x, 1.5));
    }

    @Test
    void everyChunkedKernel_isTheFloat64FunctionRoundedOnce_atEverySize_andInPlace() {
        AtomicInteger compared = new AtomicInteger();
        qt().withExamples(60).forAll(integers().between(1, 3 * DoubleChunks.SIZE + 7), integers().all())
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
}
