package io.github.gradgraph.graph.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

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
 * nodes of a scalar of them), with one program reused across batch sizes and back.
 */
class ExecutorPropertyTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());

    @Test
    void compiledProgram_equalsTheReferenceEvaluator_acrossBatchSizes() {
        AtomicInteger ran = new AtomicInteger();
        System.out.println("ExecutorPropertyTest seed " + SEED);
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(integers().between(1, 40), integers().between(1, 9), integers().between(0, 1 << 20))
                .checkAssert((ops, n, salt) -> check(ran, ops, n, new Random(SEED + 104729L * salt + ops)));
        System.out.println("ExecutorPropertyTest ran " + ran.get() + " examples");
        assertTrue(ran.get() >= 200, "too few examples ran: " + ran.get());
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
        Program program = Compiler.compile(outputs);
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
        }
        assertTrue(program.bufferBytes(m1) > 0 || program.steps().stream().allMatch(s -> s.inputs().isEmpty()));
    }
}
