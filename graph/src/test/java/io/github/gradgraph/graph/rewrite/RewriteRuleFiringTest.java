package io.github.gradgraph.graph.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Checks;
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
 * Every standard rewrite rule as a row of a table, like the primitives: a graph built to contain its pattern, on
 * which the rule must fire. J = Σ w ⊙ pattern, its gradients with respect to the operands and a Hessian-vector
 * product must be preserved to 1e-12 wherever the unrewritten graph is finite — both the rewritten derivative nodes
 * and the derivatives of the rewritten J, orders 1 and 2 — on asymmetric data with magnitudes up to 800 and both
 * labels at both signs; where the unrewritten stabilization forms overflow, the rewritten ones must be finite. A
 * guard fails when a standard rule has no row.
 */
class RewriteRuleFiringTest {
    private static final ParameterStore NO_PARAMS = new ParameterStore();
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());

    /** A pattern over the operands a, b (n×m, free), c (n×m) and y (n×m labels in {0, 1}). */
    record Row(String rule, BiFunction<Graph, Node[], Node> pattern, boolean wide) {
    }

    static final List<Row> ROWS = List.of(
        new Row("x⊙1 → x", (g, v) -> Ops.mul(v[0], g.constant(1.0)), false),
        new Row("x⊙0 → 0", (g, v) -> Ops.add(v[1], Ops.mul(v[0], g.constant(0.0))), false),
        new Row("x+0 → x", (g, v) -> Ops.add(v[0], g.constant(0.0)), false),
        new Row("0−x → −x", (g, v) -> Ops.sub(g.constant(0.0), v[0]), false),
        new Row("x⊘1 → x", (g, v) -> Ops.div(v[0], g.constant(1.0)), false),
        new Row("−(−x) → x", (g, v) -> Ops.neg(Ops.neg(v[0])), false),
        new Row("1·x → x", (g, v) -> Ops.scale(v[0], 1.0), false),
        new Row("−1·x → −x", (g, v) -> Ops.scale(v[0], -1.0), false),
        new Row("0·x → 0", (g, v) -> Ops.add(v[1], Ops.scale(v[0], 0.0)), false),
        new Row("x+0 (shift) → x", (g, v) -> Ops.shift(v[0], 0.0), false),
        new Row("c·(d·x) → (cd)·x", (g, v) -> Ops.scale(Ops.scale(v[0], 2.0), 3.0), false),
        new Row("(x+c)+d → x+(c+d)", (g, v) -> Ops.shift(Ops.shift(v[0], 1.0), 2.0), false),
        new Row("x⊙c → c·x", (g, v) -> Ops.mul(v[0], g.constant(3.0)), false),
        new Row("x⊘c → (1/c)·x", (g, v) -> Ops.div(v[0], g.constant(4.0)), false),
        new Row("x+c → shift", (g, v) -> Ops.add(v[0], g.constant(2.0)), false),
        new Row("a+(−b) → a−b", (g, v) -> Ops.add(v[0], Ops.neg(v[1])), false),
        new Row("a−(−b) → a+b", (g, v) -> Ops.sub(v[0], Ops.neg(v[1])), false),
        new Row("(−a)−b → −(a+b)", (g, v) -> Ops.sub(Ops.neg(v[0]), v[1]), false),
        new Row("−(a−b) → b−a", (g, v) -> Ops.neg(Ops.sub(v[0], v[1])), false),
        new Row("(−a)⊙b → −(a⊙b)", (g, v) -> Ops.mul(Ops.neg(v[0]), v[1]), false),
        new Row("c·(−x) → (−c)·x", (g, v) -> Ops.scale(Ops.neg(v[0]), 3.0), false),
        new Row("−(c·x) → (−c)·x", (g, v) -> Ops.neg(Ops.scale(v[0], 3.0)), false),
        new Row("x⊙x → x²", (g, v) -> Ops.mul(v[0], v[0]), false),
        new Row("constant folding", (g, v) -> Ops.mul(v[0], Ops.add(g.constant(2.0), g.constant(3.0))), false),
        new Row("(a⊘s)∘b → (a∘b)⊘s for a scalar s", (g, v) -> Ops.mul(Ops.div(v[0], Ops.size(v[0], 1)), v[1]),
                false),
        new Row("f(a⊘s) → f(a)⊘s for linear f and a scalar s", (g, v) -> Ops.mul(v[1],
                Ops.sum(Ops.div(v[0], Ops.size(v[0], 1)), 1)), false),
        new Row("(c·a)∘b → c·(a∘b)", (g, v) -> Ops.mul(Ops.scale(v[0], 2.0), v[1]), false),
        new Row("a⊙b ± a⊙c → a⊙(b ± c)", (g, v) -> Ops.sub(Ops.mul(v[0], v[1]), Ops.mul(v[0], v[2])), false),
        new Row("a⊙b ± a⊙c → a⊙(b ± c)", (g, v) -> Ops.add(Ops.mul(v[1], v[0]), Ops.mul(v[0], v[2])), false),
        new Row("−f(a−b) → f(b−a) for linear f", (g, v) -> Ops.mul(v[2], Ops.neg(Ops.sum(Ops.sub(v[0], v[1]), 1))),
                false),
        new Row("a⊘s ± b⊘s → (a ± b)⊘s", (g, v) -> Ops.sub(Ops.div(v[0], Ops.size(v[0], 1)),
                Ops.div(v[1], Ops.size(v[0], 1))), false),
        new Row("log(exp(x)) → x", (g, v) -> Ops.log(Ops.exp(v[0])), true),
        new Row("log(σ(x)) → −softplus(−x)", (g, v) -> Ops.log(Ops.sigmoid(v[0])), true),
        new Row("log(1 − σ(x)) → −softplus(x)", (g, v) -> Ops.log(Ops.oneMinus(Ops.sigmoid(v[0]))), true),
        new Row("y⊙softplus(−z) + (1 − y)⊙softplus(z) → softplus(z) − y⊙z", (g, v) -> Ops.neg(Ops.add( // textbook BCE
                Ops.mul(v[3], Ops.log(Ops.sigmoid(v[0]))), Ops.mul(Ops.oneMinus(v[3]),
                        Ops.log(Ops.oneMinus(Ops.sigmoid(v[0])))))), true),
        new Row("(xᵀ)ᵀ → x", (g, v) -> Ops.transpose(Ops.transpose(v[0])), false),
        new Row("matmul(xᵀ, y) → transposed kernel", (g, v) -> Ops.matmul(v[0],
                Ops.matmul(Ops.transpose(v[1]), v[2])), false),
        new Row("broadcast the consumer does anyway → dropped", (g, v) -> Ops.add(v[0],
                Ops.broadcastTo(Ops.sum(v[1], 1), v[0].shape())), false),
        new Row("broadcast to its own shape → x", (g, v) -> Ops.broadcastTo(v[0], v[0].shape()), false),
        new Row("linear(−x) → −linear(x)", (g, v) -> Ops.mul(v[0], Ops.sum(Ops.neg(v[1]), 1)), false),
        new Row("matmul(W, onehot(ids)) → gather(W, ids)", (g, v) -> { // ids in {0, 1} of a vocabulary of 2n
            Node w = Ops.matmul(v[0], Ops.transpose(io.github.gradgraph.graph.ops.SequenceOps.rowConcat(v[1], v[2])));
            Node ids = io.github.gradgraph.graph.ops.SequenceOps.rowSlice(v[3], 0, 1);
            return Ops.matmul(w, io.github.gradgraph.graph.ops.SequenceOps.oneHot(ids, 2 * v[0].shape().rows().size()));
        }, false),
        new Row("placed rows + adjacent placed rows → placed concatenation", (g, v) -> { // rows n…2n−1 of 3n
            int n = v[0].shape().rows().size();
            Node sum = Ops.add(io.github.gradgraph.graph.ops.SequenceOps.rowPlace(Ops.mul(v[0], v[2]), n, 3 * n),
                    io.github.gradgraph.graph.ops.SequenceOps.rowPlace(v[1], 0, 3 * n));
            return Ops.add(io.github.gradgraph.graph.ops.SequenceOps.rowSlice(sum, n, n),
                    io.github.gradgraph.graph.ops.SequenceOps.rowSlice(sum, 0, n));
        }, false),
        new Row("rows placed in all the rows → x", (g, v) -> Ops.mul(v[1],
                io.github.gradgraph.graph.ops.SequenceOps.rowPlace(v[0], 0, v[0].shape().rows().size())), false),
        new Row("[[a; b]; c] → [a; b; c]", (g, v) -> io.github.gradgraph.graph.ops.SequenceOps.rowSlice(
                io.github.gradgraph.graph.ops.SequenceOps.rowConcat(io.github.gradgraph.graph.ops.SequenceOps.rowConcat(
                        v[0], v[1]), v[2]), 0, v[0].shape().rows().size()), false),
        new Row("count of the batch dimension → m", (g, v) -> Ops.div(v[0], Ops.size(Ops.mul(v[1], v[0]), 1)),
                false)); // counted on a product of a and b: the canonical count (of a) adds no input

    @Test
    void everyStandardRule_hasARow() {
        java.util.Set<String> rows = new java.util.TreeSet<>();
        ROWS.forEach(r -> rows.add(r.rule()));
        java.util.Set<String> rules = new java.util.TreeSet<>();
        Rewriter.standard().rules().forEach(r -> rules.add(r.name()));
        assertEquals(rules, rows, "a standard rule without a row here (or a row for a rule that is gone)");
    }

    @Test
    void eachRow_fires_andPreservesValuesAndGradients() {
        System.out.println("RewriteRuleFiringTest seed " + SEED);
        AtomicInteger ran = new AtomicInteger();
        int fixedInAll = 0;
        for (int k = 0; k < ROWS.size(); k++) {
            Row row = ROWS.get(k);
            int index = k;
            AtomicInteger overflowsFixed = new AtomicInteger();
            qt().withFixedSeed(SEED + k).withExamples(40)
                    .forAll(integers().between(1, 4), integers().between(1, 6), integers().between(0, 1 << 20))
                    .checkAssert((n, m, salt) -> {
                        if (check(row, n, m, new Random(SEED * 31 + salt * 7919L + index))) {
                            overflowsFixed.incrementAndGet();
                        }
                        ran.incrementAndGet();
                    });
            // each stabilization rule: seen where its unrewritten form overflows, and finite after the rewrite
            assertTrue(!row.wide() || overflowsFixed.get() > 0, row.rule() + ": the ±800 data never made the "
                    + "unrewritten form overflow");
            fixedInAll += overflowsFixed.get();
        }
        System.out.println("RewriteRuleFiringTest ran " + ran.get() + " examples; unrewritten overflowed and the "
                + "rewrite was finite in " + fixedInAll);
        assertTrue(ran.get() >= ROWS.size() * 35);
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
        Node dir = g.input("v", n, Dim.M);
        outputs.add(io.github.gradgraph.graph.autodiff.Higher.hvp(j, v[0], dir)); // order 2, on the original
        Rewriter.Result result = Rewriter.standard().rewrite(outputs);
        assertTrue(result.report().fired().containsKey(row.rule()), row.rule() + " did not fire:\n" + result.report());
        // The rewritten J differentiated again, orders 1 and 2, must agree with the original's derivatives.
        Node rj = result.outputs().get(0);
        List<Node> rewritten = new ArrayList<>(List.of(rj));
        rewritten.addAll(Autodiff.gradients(rj, v[0], v[1], v[2]));
        rewritten.add(io.github.gradgraph.graph.autodiff.Higher.hvp(rj, v[0], dir));
        Map<String, DMatrixRMaj> feeds = Map.of("a", values(n, m, r, row.wide()), "b", values(n, m, r, false),
                "c", values(n, m, r, false), "y", labels(n, m, r), "w", values(n, m, r, false), "v",
                values(n, m, r, false));
        Values before = Compiler.compileUnfused(outputs).run(feeds, NO_PARAMS, Checks.NONE); // NaN is data here
        Values after = Compiler.compileUnfused(result.outputs()).run(feeds, NO_PARAMS, Checks.NONE); // NaN is data here
        Values again = Compiler.compileUnfused(rewritten).run(feeds, NO_PARAMS, Checks.NONE); // NaN is data here
        boolean fixed = false;
        for (int i = 0; i < 2 * outputs.size(); i++) {
            int o = i % outputs.size();
            DMatrixRMaj e = before.get(outputs.get(o));
            DMatrixRMaj a = i < outputs.size() ? after.get(result.outputs().get(o)) : again.get(rewritten.get(o));
            for (int k = 0; k < e.getNumElements(); k++) {
                if (!Double.isFinite(e.data[k])) {
                    assertTrue(!row.wide() || o > 0 || Double.isFinite(a.data[k]), row.rule() + ": still "
                            + a.data[k] + " after the rewrite");
                    fixed |= o == 0 && Double.isFinite(a.data[k]);
                    continue;
                }
                double tol = 1e-12 * Math.max(1, Math.abs(e.data[k]));
                assertTrue(Math.abs(a.data[k] - e.data[k]) <= tol, row.rule() + ": " + (i < outputs.size()
                        ? "rewritten output " : "derivative of the rewritten J, output ") + o + " entry " + k
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
