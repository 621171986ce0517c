package io.github.gradgraph.graph.rewrite;

import static io.github.gradgraph.graph.ops.Ops.add;
import static io.github.gradgraph.graph.ops.Ops.matmul;
import static io.github.gradgraph.graph.ops.Ops.mul;
import static io.github.gradgraph.graph.ops.Ops.neg;
import static io.github.gradgraph.graph.ops.Ops.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Fill;
import io.github.gradgraph.graph.ops.MatMul;
import io.github.gradgraph.graph.ops.Ops;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each named rule on the form it targets: what it turns it into, and that the report names it. */
class RewriteRulesTest {
    private final Graph g = new Graph();
    private final Node x = g.input("X", 3, Dim.M);
    private final Node w = g.parameter("W", 2, 3);

    private Rewriter.Result rewrite(Node n) {
        return Rewriter.standard().rewrite(List.of(n));
    }

    @Test
    void identities_vanish() {
        assertSame(x, rewrite(mul(x, g.constant(1.0))).outputs().get(0));
        assertSame(x, rewrite(add(x, g.constant(0.0))).outputs().get(0));
        assertSame(x, rewrite(neg(neg(x))).outputs().get(0));
        assertSame(x, rewrite(transpose(transpose(x))).outputs().get(0));
        Rewriter.Result zero = rewrite(mul(x, Ops.fill(g, Shape.of(3, Dim.M), 0.0)));
        assertTrue(zero.outputs().get(0).op() instanceof Fill);
        assertTrue(zero.report().fired("x⊙0 → 0"));
        assertTrue(rewrite(neg(neg(x))).report().fired("−(−x) → x"));
        assertTrue(rewrite(transpose(transpose(x))).report().fired("(xᵀ)ᵀ → x"));
    }

    @Test
    void transposedOperand_becomesATransposedKernel() {
        Node y = g.input("Y", 3, Dim.M);
        Rewriter.Result r = rewrite(matmul(transpose(x), y));
        Node out = r.outputs().get(0);
        assertEquals(new MatMul(true, false), out.op());
        assertSame(x, out.input(0));
        assertTrue(r.report().fired("matmul(xᵀ, y) → transposed kernel"));
    }

    @Test
    void commonSubexpressions_merge_andConstantsFold() {
        Node a = Ops.tanh(matmul(w, x));
        Node b = Ops.tanh(matmul(w, x));
        Rewriter.Result r = rewrite(add(a, b));
        Node sum = r.outputs().get(0);
        assertSame(sum.input(0), sum.input(1));
        assertTrue(r.report().times("common subexpression") >= 1);
        Node folded = rewrite(add(g.constant(2.0), Ops.exp(g.constant(0.0)))).outputs().get(0);
        assertEquals(3.0, ((io.github.gradgraph.graph.Constant) folded.op()).scalar(), 0.0);
    }

    @Test
    void scalarConstants_becomeScaleAndShift() {
        Node r = rewrite(Ops.sub(g.constant(1.0), x)).outputs().get(0);
        assertEquals("shift", r.op().name());
        assertEquals("neg", r.input(0).op().name());
        assertEquals("scale", rewrite(mul(x, g.constant(3.0))).outputs().get(0).op().name());
    }

    @Test
    void rewrites_neverAddAnInputDependency_meanOfYStillRunsWithOnlyYFed() {
        Graph g = new Graph();
        Node x = g.input("X", 2, Dim.M);
        Node y = g.input("Y", 1, Dim.M);
        Node j = io.github.gradgraph.graph.ops.Functions.mean(y);
        Node alsoX = io.github.gradgraph.graph.ops.Functions.mean(x);
        Rewriter.Result r = Rewriter.standard().rewrite(List.of(j, alsoX));
        assertEquals(java.util.Set.of("Y"), RewriteValuePropertyTest.feeds(r.outputs().get(0)));
        org.ejml.data.DMatrixRMaj yv = new org.ejml.data.DMatrixRMaj(new double[][] {{1, 2, 3, 6}});
        double got = io.github.gradgraph.graph.exec.Compiler.compile(r.outputs().get(0))
                .run(java.util.Map.of("Y", yv)).scalar(r.outputs().get(0));
        assertEquals(3.0, got, 0.0);
    }
}
