package io.github.gradgraph.graph.rewrite;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Rules that random graphs rarely reach, each on a graph built to contain its pattern: the rule must fire, and the
 * value of J = Σ w ⊙ pattern and its gradients with respect to the operands must be preserved to 1e-12 wherever the
 * unrewritten graph is finite, on asymmetric data with magnitudes up to 800 and both labels at both signs (where
 * the unrewritten stabilization forms overflow, the rewritten ones must be finite). These rows are the first of a
 * table over every standard rule.
 */
class RewriteRuleFiringTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());

    /** A pattern over the operands a, b (n×m, free), c (n×m) and y (n×m labels in {0, 1}). */
    record Row(String rule, BiFunction<Graph, Node[], Node> pattern, boolean wide) {
    }

    static final List<Row> ROWS = List.of(
        new Row("x⊘c → (1/c)·x", (g, v) -> Ops.div(v[0], g.constant(4.0)), false),
        new Row("a⊙b ± a⊙c → a⊙(b ± c)", (g, v) -> Ops.sub(Ops.mul(v[0], v[1]), Ops.mul(v[0], v[2])), false),
        new Row("a⊙b ± a⊙c → a⊙(b ± c)", (g, v) -> Ops.add(Ops.mul(v[1], v[0]), Ops.mul(v[0], v[2])), false),
        new Row("log(exp(x)) → x", (g, v) -> Ops.log(Ops.exp(v[0])), false),
        new Row("log(σ(x)) → −softplus(−x)", (g, v) -> Ops.log(Ops.sigmoid(v[0])), true),
        new Row("log(1 − σ(x)) → −softplus(x)", (g, v) -> Ops.log(Ops.oneMinus(Ops.sigmoid(v[0]))), true),
        new Row("y⊙softplus(−z) + (1 − y)⊙softplus(z) → softplus(z) − y⊙z", (g, v) -> Ops.add(
                Ops.mul(v[3], Ops.softplus(Ops.neg(v[0]))), Ops.mul(Ops.oneMinus(v[3]), Ops.softplus(v[0]))), true));

    @Test
    void eachRow_fires_andPreservesValuesAndGradients() {
        System.out.println("RewriteRuleFiringTest seed " + SEED);
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger overflowsFixed = new AtomicInteger();
        for (int k = 0; k < ROWS.size(); k++) {
            Row row = ROWS.get(k);
            int index = k;
            qt().withFixedSeed(SEED + k).withExamples(40)
                    .forAll(integers().between(1, 4), integers().between(1, 6), integers().between(0, 1 << 20))
                    .checkAssert((n, m, salt) -> {
                        if (check(row, n, m, new Random(SEED * 31 + salt * 7919L + index))) {
                            overflowsFixed.incrementAndGet();
                        }
                        ran.incrementAndGet();
                    });
        }
        System.out.println("RewriteRuleFiringTest ran " + ran.get() + " examples; unrewritten overflowed and the "
                + "rewrite was finite in " + overflowsFixed.get());
        assertTrue(ran.get() >= ROWS.size() * 35);
        assertTrue(overflowsFixed.get() > 0, "the ±800 data must make the unrewritten forms overflow");
    }

    /** @return true when the unrewritten J overflowed and the rewritten one was finite */
    private static boolean check(Row row, int n, int m, Random r) {
        Graph g = new Graph();
        Node[] v = {g.input("a", n, Dim.M), g.input("b", n, Dim.M), g.input("c", n, Dim.M), g.input("y", n, Dim.M)};
        Node w = g.input("w", n, Dim.M);
        Node j = Ops.sum(Ops.mul(w, row.pattern().apply(g, v)));
        List<Node> outputs = new ArrayList<>();
        outputs.add(j);
        outputs.addAll(Autodiff.gradients(j, v[0], v[1], v[2]));
        Rewriter.Result result = Rewriter.standard().rewrite(outputs);
        assertTrue(result.report().fired().containsKey(row.rule()), row.rule() + " did not fire:\n" + result.report());
        Map<String, DMatrixRMaj> feeds = Map.of("a", values(n, m, r, row.wide()), "b", values(n, m, r, false),
                "c", values(n, m, r, false), "y", labels(n, m, r), "w", values(n, m, r, false));
        Values before = Compiler.compileUnfused(outputs).run(feeds);
        Values after = Compiler.compileUnfused(result.outputs()).run(feeds);
        boolean fixed = false;
        for (int i = 0; i < outputs.size(); i++) {
            DMatrixRMaj e = before.get(outputs.get(i));
            DMatrixRMaj a = after.get(result.outputs().get(i));
            for (int k = 0; k < e.getNumElements(); k++) {
                if (!Double.isFinite(e.data[k])) {
                    assertTrue(!row.wide() || i > 0 || Double.isFinite(a.data[k]), row.rule() + ": still "
                            + a.data[k] + " after the rewrite");
                    fixed |= i == 0 && Double.isFinite(a.data[k]);
                    continue;
                }
                double tol = 1e-12 * Math.max(1, Math.abs(e.data[k]));
                assertTrue(Math.abs(a.data[k] - e.data[k]) <= tol, row.rule() + ": output " + i + " entry " + k
                        + " was " + e.data[k] + ", became " + a.data[k] + "\n" + result.report());
            }
        }
        return fixed;
    }

    /** Asymmetric values; with {@code wide}, a third of them at ±800 where σ, exp and log overflow or underflow. */
    private static DMatrixRMaj values(int n, int m, Random r, boolean wide) {
        DMatrixRMaj x = new DMatrixRMaj(n, m);
        for (int i = 0; i < x.getNumElements(); i++) {
            x.data[i] = wide && r.nextInt(3) == 0 ? (r.nextBoolean() ? 800 : -800) * (1 + r.nextDouble())
                    : 0.5 + 2 * r.nextGaussian();
        }
        return x;
    }

    private static DMatrixRMaj labels(int n, int m, Random r) {
        DMatrixRMaj y = new DMatrixRMaj(n, m);
        for (int i = 0; i < y.getNumElements(); i++) {
            y.data[i] = r.nextBoolean() ? 1 : 0;
        }
        return y;
    }
}
