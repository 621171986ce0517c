package io.github.gradgraph.graph.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.RandomGraphs;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Program;
import io.github.gradgraph.graph.ops.Functions;
import io.github.gradgraph.graph.ops.Ops;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Hessian-vector products and full Hessians against central differences of the gradient. */
class HigherTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());

    @Test
    void hvpAndHessian_matchDifferencesOfTheGradient() {
        System.out.println("HigherTest seed " + SEED);
        AtomicInteger ran = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(120)
                .forAll(integers().between(1, 4), integers().between(1, 4), integers().between(0, 1 << 20))
                .checkAssert((h, n, salt) -> {
                    check(h, n, new Random(SEED + salt * 13L));
                    ran.incrementAndGet();
                });
        assertTrue(ran.get() >= 100);
    }

    private static void check(int hidden, int n, Random r) {
        Graph g = new Graph();
        Node x = g.input("X", n, Dim.M);
        Node w1 = g.parameter("W1", hidden, n);
        Node w2 = g.parameter("W2", 1, hidden);
        ParameterStore store = new ParameterStore();
        store.set(w1, RandomGraphs.matrix(hidden, n, r));
        store.set(w2, RandomGraphs.matrix(1, hidden, r));
        Node j = Functions.mean(Ops.softplus(Ops.matmul(w2, Ops.tanh(Ops.matmul(w1, x)))));
        Map<String, DMatrixRMaj> feeds = Map.of("X", RandomGraphs.matrix(n, 3, r));
        // Joint hvp over (W1, W2) against differences of the joint gradient along v.
        DMatrixRMaj v1 = RandomGraphs.matrix(hidden, n, r);
        DMatrixRMaj v2 = RandomGraphs.matrix(1, hidden, r);
        List<Node> hv = Higher.hvp(j, List.of(w1, w2), List.of(g.constant(v1), g.constant(v2)));
        List<Node> grads = Autodiff.gradients(j, w1, w2);
        Program gradProgram = Compiler.compileAsWritten(grads);
        double eps = 1e-5;
        DMatrixRMaj[] plus = gradAt(gradProgram, grads, feeds, store, w1, w2, v1, v2, eps);
        DMatrixRMaj[] minus = gradAt(gradProgram, grads, feeds, store, w1, w2, v1, v2, -eps);
        var values = Compiler.compileAsWritten(hv).run(feeds, store);
        for (int k = 0; k < 2; k++) {
            DMatrixRMaj got = values.get(hv.get(k));
            for (int i = 0; i < got.getNumElements(); i++) {
                double fd = (plus[k].data[i] - minus[k].data[i]) / (2 * eps);
                assertEquals(fd, got.data[i], 1e-6 * (1 + Math.abs(fd)), "hvp entry " + i);
            }
        }
        // Full Hessian of W2: row i against differences of the gradient along e_i; symmetric.
        DMatrixRMaj hess = Higher.hessian(j, w2, feeds, store);
        Node gw2 = Autodiff.gradient(j, w2);
        Program p = Compiler.compileAsWritten(gw2);
        for (int i = 0; i < hidden; i++) {
            double orig = store.get(w2).data[i];
            store.get(w2).data[i] = orig + eps;
            DMatrixRMaj gp = p.run(feeds, store).copy(gw2);
            store.get(w2).data[i] = orig - eps;
            DMatrixRMaj gm = p.run(feeds, store).copy(gw2);
            store.get(w2).data[i] = orig;
            for (int k = 0; k < hidden; k++) {
                double fd = (gp.data[k] - gm.data[k]) / (2 * eps);
                assertEquals(fd, hess.get(i, k), 1e-6 * (1 + Math.abs(fd)), "H[" + i + "," + k + "]");
                assertEquals(hess.get(k, i), hess.get(i, k), 1e-12);
            }
        }
    }

    private static DMatrixRMaj[] gradAt(Program p, List<Node> grads, Map<String, DMatrixRMaj> feeds,
            ParameterStore store, Node w1, Node w2, DMatrixRMaj v1, DMatrixRMaj v2, double t) {
        ParameterStore moved = store.copy();
        for (int i = 0; i < v1.getNumElements(); i++) {
            moved.get(w1).data[i] += t * v1.data[i];
        }
        for (int i = 0; i < v2.getNumElements(); i++) {
            moved.get(w2).data[i] += t * v2.data[i];
        }
        var v = p.run(feeds, moved);
        return new DMatrixRMaj[] {v.copy(grads.get(0)), v.copy(grads.get(1))};
    }

    @Test
    void fullHessian_ofALargeOrBatchedVariable_isRefused() {
        Graph g = new Graph();
        Node x = g.input("X", 3, Dim.M);
        Node big = g.parameter("B", 30, 30);
        Node j = Ops.sum(Ops.mul(big, big));
        assertTrue(assertThrows(GraphException.class, () -> Higher.hessianRows(j, big)).getMessage()
                .contains("use hvp"));
        assertTrue(assertThrows(GraphException.class, () -> Higher.hessianRows(Ops.sum(x), x)).getMessage()
                .contains("batch dimension"));
    }
}
