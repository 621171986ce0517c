package io.github.gradgraph.graph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.GraphValidator;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.graph.check.GradientChecker;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.ops.PrimitiveSpec.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every primitive's VJP against central finite differences, first and second order, over random shapes (1×1, n×1,
 * 1×m, n×m with n, m in 1..16, every broadcast case) and random values in each primitive's domain.
 *
 * <p>First order: for J = ⟨v, f(x)⟩ with a random v, the derived ∂J/∂x against differences of J. Second order: for
 * K = ⟨w, ∂J/∂x⟩ with a random w — a Hessian-vector product built from gradient nodes — the derived ∂K/∂x against
 * differences of K. Reproduce a failure with {@code -Dgradgraph.seed=<printed seed>}.
 */
class PrimitiveGradientPropertyTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());
    /** Examples per primitive per order; QuickTheories runs a few fewer than it is asked for, so ask for more. */
    static final int EXAMPLES = Integer.getInteger("gradgraph.examples", 200);
    /** Stricter than the user-facing allclose, so a rule that is slightly wrong cannot pass. */
    static final GradientChecker CHECKER = GradientChecker.defaults().withAllclose(1e-7, 1e-6);
    private static final AtomicLong RUN = new AtomicLong();
    private static final AtomicLong COMPARED = new AtomicLong();

    @BeforeAll
    static void printSeed() {
        System.out.println("PrimitiveGradientPropertyTest seed " + SEED + " (-Dgradgraph.seed=" + SEED
                + " reproduces), " + EXAMPLES + " examples per primitive per order");
    }

    @AfterAll
    static void printCount() {
        System.out.println("PrimitiveGradientPropertyTest ran " + RUN.get() + " examples, compared "
                + COMPARED.get() + " gradient entries against finite differences");
    }

    @TestFactory
    Stream<DynamicTest> firstOrder() {
        return PrimitiveTable.all().stream().filter(s -> s.arity() > 0 && !s.stopsGradient())
                .map(s -> DynamicTest.dynamicTest(s.name() + " first order", () -> property(s, 1)));
    }

    @TestFactory
    Stream<DynamicTest> secondOrder() {
        return PrimitiveTable.all().stream().filter(PrimitiveSpec::secondOrder)
                .map(s -> DynamicTest.dynamicTest(s.name() + " second order", () -> property(s, 2)));
    }

    @TestFactory
    Stream<DynamicTest> stopGradientPassesValueButNoGradient() {
        return PrimitiveTable.all().stream().filter(PrimitiveSpec::stopsGradient)
                .map(s -> DynamicTest.dynamicTest(s.name(), () -> property(s, 0)));
    }

    private static void property(PrimitiveSpec spec, int order) {
        long seed = SEED ^ spec.name().hashCode() * 31L ^ order;
        AtomicLong ran = new AtomicLong();
        qt().withFixedSeed(seed).withExamples(EXAMPLES + EXAMPLES / 20 + 2)
                .forAll(integers().between(1, 16), integers().between(1, 16), integers().between(1, 16),
                        integers().between(0, 63))
                .checkAssert((n, m, k, variant) -> {
                    Random random = new Random(seed * 1_000_003L + ((n * 17L + m) * 17L + k) * 64 + variant);
                    check(spec, order, new Example(n, m, k, variant, random));
                    ran.incrementAndGet();
                });
        assertTrue(ran.get() >= EXAMPLES, spec + ": only " + ran.get() + " examples ran");
    }

    private static void check(PrimitiveSpec spec, int order, Example e) {
        Graph g = new Graph();
        ParameterStore store = new ParameterStore();
        Shape[] shapes = spec.shapes().apply(e);
        Node[] xs = new Node[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            xs[i] = g.parameter("x" + i, shapes[i].rows().size(), shapes[i].cols().size());
            store.set(xs[i], random(shapes[i], e.random(), spec, i));
        }
        Node f = spec.build().apply(xs, e);
        Node j = Ops.sum(Ops.mul(g.constant(random(f.shape(), e.random(), null, 0)), f));
        List<Node> vars = List.of(xs);
        if (order == 0) {
            checkStopsGradient(j, f, xs[0], store);
            return;
        }
        Node target = j;
        if (order == 2) {
            List<Node> grads = Autodiff.gradients(j, vars);
            target = null;
            for (Node grad : grads) {
                Node term = Ops.sum(Ops.mul(g.constant(random(grad.shape(), e.random(), null, 0)), grad));
                target = target == null ? term : Ops.add(target, term);
            }
        }
        GradCheckReport report = CHECKER.check(target, vars, Map.of(), store);
        GraphValidator.validate(g);
        RUN.incrementAndGet();
        report.variables().forEach(v -> COMPARED.addAndGet(v.checked()));
        assertTrue(report.passed(), () -> spec + " order " + order + " at " + e + " (seed " + SEED + ")\n"
                + report.table() + "analytic " + report.variables().get(0).analytic() + "numeric "
                + report.variables().get(0).numeric());
    }

    private static void checkStopsGradient(Node j, Node f, Node x, ParameterStore store) {
        Node grad = Autodiff.gradient(j, x);
        Values v = Compiler.compileAsWritten(grad, f).run(Map.of(), store);
        assertEquals(0.0, maxAbs(v.get(grad)), "stop_gradient must pass no gradient");
        DMatrixRMaj value = v.get(f);
        DMatrixRMaj expected = store.get(x);
        for (int i = 0; i < expected.getNumElements(); i++) {
            assertEquals(expected.data[i], value.data[i], "stop_gradient must pass the value unchanged");
        }
        RUN.incrementAndGet();
    }

    private static double maxAbs(DMatrixRMaj m) {
        double max = 0;
        for (int i = 0; i < m.getNumElements(); i++) {
            max = Math.max(max, Math.abs(m.data[i]));
        }
        return max;
    }

    private static DMatrixRMaj random(Shape s, Random r, PrimitiveSpec spec, int operand) {
        DMatrixRMaj m = new DMatrixRMaj(s.rows().size(), s.cols().size());
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = spec == null ? -1 + 2 * r.nextDouble() : spec.domain().apply(r, operand);
        }
        return m;
    }

    /** @return the rows that can be differentiated, for other tests */
    static List<PrimitiveSpec> differentiable() {
        List<PrimitiveSpec> out = new ArrayList<>();
        for (PrimitiveSpec s : PrimitiveTable.all()) {
            if (s.arity() > 0 && !s.stopsGradient()) {
                out.add(s);
            }
        }
        return out;
    }
}
