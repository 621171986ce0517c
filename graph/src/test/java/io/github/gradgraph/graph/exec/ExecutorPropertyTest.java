package io.github.gradgraph.graph.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.gradgraph.core.Backends;
import io.github.gradgraph.core.Gemm;
import io.github.gradgraph.core.MatMul;
import io.github.gradgraph.graph.GraphValidator;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.RandomGraphs;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.ops.Ops;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The compiled executor against {@link ReferenceEvaluator} on random graphs (forward ops mixed with the gradient
 * nodes of a scalar of them), with one program reused across batch sizes and back, on every GEMM backend: the
 * unfused program to the bit, the fused one to 1e-12.
 */
class ExecutorPropertyTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());

    @Test
    void compiledProgram_equalsTheReferenceEvaluator_acrossBatchSizes_onEveryBackend() {
        AtomicInteger ran = new AtomicInteger();
        System.out.println("ExecutorPropertyTest seed " + SEED);
        Gemm original = MatMul.backend();
        List<Gemm> backends = Backends.available();
        try {
            for (Gemm g : backends) {
                MatMul.setBackend(g);
                qt().withFixedSeed(SEED).withExamples(150)
                        .forAll(integers().between(1, 40), integers().between(1, 9), integers().between(0, 1 << 20))
                        .checkAssert((ops, n, salt) -> check(ran, ops, n, new Random(SEED + 104729L * salt + ops)));
            }
        } finally {
            MatMul.setBackend(original);
        }
        System.out.println("ExecutorPropertyTest ran " + ran.get() + " examples on " + backends.size() + " backends");
        assertTrue(backends.size() >= 2, "at least a native or Java BLAS and EJML: " + backends);
        assertTrue(ran.get() >= 100 * backends.size(), "too few examples ran: " + ran.get());
    }

    private static void check(AtomicInteger ran, int ops, int n, Random r) {
        ran.incrementAndGet();
        RandomGraphs.Case c = RandomGraphs.make(ops, n, r);
        Node j = Ops.sum(c.last());
        List<Node> outputs = new ArrayList<>();
        outputs.add(j);
        outputs.addAll(Autodiff.gradients(j, c.params()));
        for (int k = 0; k < 3; k++) {
            outputs.add(c.pool().get(r.nextInt(c.pool().size())));
        }
        GraphValidator.validate(c.graph());
        Program program = Compiler.compileUnfused(outputs);
        Program fused = Compiler.compileAsWritten(outputs);
        int m1 = 1 + r.nextInt(12);
        int m2 = 1 + r.nextInt(12);
        for (int m : new int[] {m1, m2, m1}) {
            Map<String, DMatrixRMaj> feeds = Map.of("X", RandomGraphs.matrix(n, m, r));
            Values got = program.run(feeds, c.store());
            ReferenceEvaluator ref = new ReferenceEvaluator(feeds, c.store(), m);
            assertEquals(m, got.batchSize());
            for (Node out : outputs) {
                DMatrixRMaj expected = ref.eval(out);
                DMatrixRMaj actual = got.get(out);
                assertEquals(expected.numRows, actual.numRows, out.describe());
                assertEquals(expected.numCols, actual.numCols, out.describe());
                assertArrayEquals(Arrays.copyOf(expected.data, expected.getNumElements()),
                        Arrays.copyOf(actual.data, actual.getNumElements()), 0.0, out.describe() + " at m=" + m);
            }
            Values f = fused.run(feeds, c.store());
            for (Node out : outputs) {
                DMatrixRMaj expected = ref.eval(out);
                DMatrixRMaj actual = f.get(out);
                for (int i = 0; i < expected.getNumElements(); i++) {
                    double e = expected.data[i];
                    assertTrue(Double.compare(e, actual.data[i]) == 0 || Math.abs(e - actual.data[i])
                            <= 1e-12 * Math.max(1.0, Math.abs(e)), "fused " + out.describe() + " at m=" + m + ": "
                            + actual.data[i] + " vs " + e + "; fusions " + fused.fusions());
                }
            }
        }
        assertTrue(program.bufferBytes(m1) > 0 || program.steps().stream().allMatch(s -> s.inputs().isEmpty()));
    }
}
