package io.github.gradgraph.graph.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.GraphValidator;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
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
        Graph g = new Graph();
        ParameterStore store = new ParameterStore();
        Node x = g.input("X", n, Dim.M);
        Node w = g.parameter("W", 1 + r.nextInt(5), n);
        Node b = g.parameter("b", w.shape().rows().size(), 1);
        Node c = g.parameter("c", 1, 1);
        for (Node p : List.of(w, b, c)) {
            store.set(p, random(p.shape().rows().size(), p.shape().cols().size(), r));
        }
        List<Node> pool = new ArrayList<>(List.of(x, w, b, c, g.constant(0.5)));
        for (int i = 0; i < ops; i++) {
            pool.add(randomOp(pool, r));
        }
        Node j = Ops.sum(pool.get(pool.size() - 1));
        List<Node> outputs = new ArrayList<>();
        outputs.add(j);
        outputs.addAll(Autodiff.gradients(j, w, b, c));
        for (int k = 0; k < 3; k++) {
            outputs.add(pool.get(r.nextInt(pool.size())));
        }
        GraphValidator.validate(g);
        Program program = Compiler.compile(outputs);
        int m1 = 1 + r.nextInt(12);
        int m2 = 1 + r.nextInt(12);
        for (int m : new int[] {m1, m2, m1}) {
            Map<String, DMatrixRMaj> feeds = Map.of("X", random(n, m, r));
            Values got = program.run(feeds, store);
            ReferenceEvaluator ref = new ReferenceEvaluator(feeds, store, m);
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

    private static Node randomOp(List<Node> pool, Random r) {
        Node a = pool.get(r.nextInt(pool.size()));
        for (int attempt = 0; attempt < 20; attempt++) {
            switch (r.nextInt(9)) {
                case 0: return Ops.tanh(a);
                case 1: return Ops.sigmoid(a);
                case 2: return Ops.scale(Ops.relu(a), 0.5);
                case 3: return Ops.transpose(a);
                case 4: return Ops.sum(a, r.nextInt(2));
                case 5: {
                    Node b = pool.get(r.nextInt(pool.size()));
                    if (Shape.broadcast(a.shape(), b.shape()) != null) {
                        return r.nextBoolean() ? Ops.add(a, b) : Ops.mul(a, b);
                    }
                    break;
                }
                case 6: {
                    Node b = pool.get(r.nextInt(pool.size()));
                    if (a.shape().cols().equals(b.shape().rows())) {
                        return Ops.matmul(a, b);
                    }
                    if (a.shape().rows().equals(b.shape().rows())) {
                        return Ops.matmul(a, b, true, false);
                    }
                    break;
                }
                case 7: return Ops.softplus(Ops.neg(a));
                default: return Ops.max(a, r.nextInt(2));
            }
            a = pool.get(r.nextInt(pool.size()));
        }
        return Ops.tanh(a);
    }

    private static DMatrixRMaj random(int rows, int cols, Random r) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = 2 * r.nextDouble() - 1;
        }
        return m;
    }
}
