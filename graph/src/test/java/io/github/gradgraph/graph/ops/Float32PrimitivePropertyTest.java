package io.github.gradgraph.graph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.core.Gemm;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Program;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.ops.PrimitiveSpec.Example;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every primitive's float32 kernel against its float64 kernel on the same inputs (random values of each primitive's
 * domain, rounded to float first, so both programs see the same numbers; shapes and broadcast cases as in the
 * gradient property test), matrix products on every GEMM backend.
 *
 * <p>The bound is the kernel's own rounding, since the inputs are exact in both: elementwise functions, broadcasts
 * and reductions (which accumulate in float64) are within one float ulp of the float64 value, |y₃₂ − y₆₄| ≤
 * ε₃₂·|y₆₄| (plus ε₃₂·2⁻¹²⁶ where the result is subnormal); a matrix product, which sgemm accumulates in float, is
 * within the dot product's standard bound (k + 1)·ε₃₂·(|A|·|B|)ᵢⱼ. Reproduce a failure with
 * {@code -Dgradgraph.seed=<printed seed>}.
 */
class Float32PrimitivePropertyTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());
    static final int EXAMPLES = Integer.getInteger("gradgraph.examples", 200);
    private static final double EPS = DType.F32.epsilon();
    private static final AtomicLong RUN = new AtomicLong();
    private static final AtomicLong COMPARED = new AtomicLong();

    @BeforeAll
    static void printSeed() {
        System.out.println("Float32PrimitivePropertyTest seed " + SEED + " (-Dgradgraph.seed=" + SEED
                + " reproduces), " + EXAMPLES + " examples per primitive");
    }

    @AfterAll
    static void printCount() {
        System.out.println("Float32PrimitivePropertyTest ran " + RUN.get() + " examples, compared " + COMPARED.get()
                + " float32 elements against float64");
    }

    @TestFactory
    Stream<DynamicTest> float32AgreesWithFloat64() {
        return PrimitiveTable.all().stream().filter(s -> s.arity() > 0)
                .map(s -> DynamicTest.dynamicTest(s.name() + " f32", () -> property(s)));
    }

    private static void property(PrimitiveSpec spec) {
        long seed = SEED ^ spec.name().hashCode() * 37L;
        AtomicLong ran = new AtomicLong();
        boolean product = spec.name().startsWith("matmul");
        List<Gemm> backends = product ? io.github.gradgraph.core.Backends.available()
                : List.of(io.github.gradgraph.core.MatMul.backend());
        qt().withFixedSeed(seed).withExamples(EXAMPLES + EXAMPLES / 20 + 2)
                .forAll(integers().between(1, 16), integers().between(1, 16), integers().between(1, 16),
                        integers().between(0, 63))
                .checkAssert((n, m, k, variant) -> {
                    Random random = new Random(seed * 1_000_003L + ((n * 17L + m) * 17L + k) * 64 + variant);
                    Gemm before = io.github.gradgraph.core.MatMul.backend();
                    try {
                        for (Gemm gemm : backends) {
                            io.github.gradgraph.core.MatMul.setBackend(gemm);
                            check(spec, new Example(n, m, k, variant, new Random(random.nextLong())), gemm);
                        }
                    } finally {
                        io.github.gradgraph.core.MatMul.setBackend(before);
                    }
                    ran.incrementAndGet();
                });
        assertTrue(ran.get() >= EXAMPLES, spec + ": only " + ran.get() + " examples ran");
    }

    private static void check(PrimitiveSpec spec, Example e, Gemm gemm) {
        Graph g = new Graph();
        ParameterStore store = new ParameterStore();
        ParameterStore magnitudes = new ParameterStore();
        Shape[] shapes = spec.shapes().apply(e);
        Node[] xs = new Node[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            xs[i] = g.parameter("x" + i, shapes[i].rows().size(), shapes[i].cols().size());
            DMatrixRMaj v = new DMatrixRMaj(shapes[i].rows().size(), shapes[i].cols().size());
            DMatrixRMaj abs = new DMatrixRMaj(v.numRows, v.numCols);
            for (int j = 0; j < v.getNumElements(); j++) {
                v.data[j] = (float) (double) spec.domain().apply(e.random(), i);
                abs.data[j] = Math.abs(v.data[j]);
            }
            store.set(xs[i], v);
            magnitudes.set(xs[i], abs);
        }
        Node f = spec.build().apply(xs, e);
        assertTrue(f.op() instanceof Float32Primitive, spec + " has no float32 kernel of its own");
        Program p64 = Compiler.compileUnfused(List.of(f));
        Program p32 = Compiler.compileUnfused(List.of(f), DType.F32);
        assertEquals(DType.F32, p32.dtype());
        DMatrixRMaj y64 = p64.run(Map.of(), store, Checks.NONE).copy(f);
        Values v32 = p32.run(Map.of(), store, Checks.NONE);
        DMatrixRMaj y32 = v32.get(f);
        FMatrixRMaj raw = v32.getFloat(f);
        DMatrixRMaj mag = null;
        int depth = 0;
        if (f.op() instanceof MatMul mm) {
            mag = p64.run(Map.of(), magnitudes, Checks.NONE).copy(f);
            depth = mm.transA() ? xs[0].shape().rows().size() : xs[0].shape().cols().size();
        } else if (f.op().getClass().getSimpleName().matches("Conv2d.*|ChannelSum|AvgPool.*|MaxPoolScatter")) {
            // sums of products over windows, channels or the batch: bounded as a product is, by the terms' magnitudes
            // times their number (at most every operand element); max pooling's first operand only chooses
            if (f.op() instanceof MaxPoolScatter) {
                magnitudes.set(xs[0], store.get(xs[0]));
            }
            mag = p64.run(Map.of(), magnitudes, Checks.NONE).copy(f);
            for (Node x : xs) {
                depth += x.shape().rows().size() * x.shape().cols().size();
            }
        }
        assertEquals(y64.getNumElements(), y32.getNumElements());
        for (int idx = 0; idx < y64.getNumElements(); idx++) {
            final int i = idx;
            double want = y64.data[i];
            double got = y32.data[i];
            assertEquals((double) raw.data[i], got, 0.0, "get must be getFloat widened exactly");
            if (Double.isNaN(want)) {
                assertTrue(Double.isNaN(got), spec + " at " + e + ": f64 NaN, f32 " + got);
                continue;
            }
            double bound = mag != null ? (depth + 1) * EPS * mag.data[i] + Float.MIN_VALUE
                    : EPS * Math.abs(want) + EPS * Float.MIN_NORMAL;
            if (Math.abs(want) > Float.MAX_VALUE) {
                assertEquals(Math.copySign(Double.POSITIVE_INFINITY, want), got, spec + " overflow");
                continue;
            }
            double err = Math.abs(got - want);
            assertTrue(err <= bound, () -> spec + " at " + e + " on " + gemm.name() + ": element " + i + " f32 "
                    + got + " vs f64 " + want + ", |diff| " + err + " > bound " + bound + " (seed " + SEED + ")");
            COMPARED.incrementAndGet();
        }
        RUN.incrementAndGet();
    }
}
