package io.github.gradgraph.graph.rewrite;

import static io.github.gradgraph.graph.ops.Ops.add;
import static io.github.gradgraph.graph.ops.Ops.log;
import static io.github.gradgraph.graph.ops.Ops.mul;
import static io.github.gradgraph.graph.ops.Ops.neg;
import static io.github.gradgraph.graph.ops.Ops.sigmoid;
import static io.github.gradgraph.graph.ops.Ops.sub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.ops.Functions;
import io.github.gradgraph.graph.ops.Ops;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** A user's naive loss made numerically safe by the stabilization rules, where the naive one overflows. */
class StabilityTest {
    private final Graph g = new Graph();
    private final Node z = g.input("Z", 1, Dim.M);
    private final Node y = g.input("Y", 1, Dim.M);
    private final Node one = g.constant(1.0);
    /** The seed's J written naively: −mean(Y⊙log σ(Z) + (1 − Y)⊙log(1 − σ(Z))). */
    private final Node naive = neg(Functions.mean(add(mul(y, log(sigmoid(z))),
            mul(sub(one, y), log(sub(one, sigmoid(z)))))));

    private final Map<String, DMatrixRMaj> extreme = Map.of(
            "Z", new DMatrixRMaj(new double[][] {{800, -800, 800, -800, 0.5}}),
            "Y", new DMatrixRMaj(new double[][] {{1, 0, 0, 1, 1}}));

    @Test
    void bceOfSigmoid_isFiniteAtPlusMinus800_afterRewriting() {
        double before = Compiler.compileAsWritten(naive).run(extreme, new ParameterStore(), Checks.NONE).scalar(naive);
        assertFalse(Double.isFinite(before), "the naive form overflows: " + before);
        // Compiler.compile applies the same rewrites by default: the textbook form is finite without asking.
        assertEquals((800 + 800 + Math.log1p(Math.exp(-0.5))) / 5, Compiler.compile(naive).run(extreme)
                .scalar(naive), 1e-12);
        Node stable = Rewriter.standard().rewrite(naive);
        double after = Compiler.compile(stable).run(extreme).scalar(stable);
        // Per sample: 0, 0, 800, 800, softplus(0.5) − 0.5; mean over 5.
        double expected = (800 + 800 + Math.log1p(Math.exp(-0.5))) / 5;
        assertEquals(expected, after, 1e-12);
    }

    @Test
    void bceOfSigmoid_gradientSimplifiesToSigmaMinusYOverM_andIsFinite() {
        Node stable = Rewriter.standard().rewrite(naive);
        Node dz = Rewriter.standard().rewrite(Autodiff.gradient(stable, z));
        assertEquals("div", dz.op().name());
        assertEquals("sub", dz.input(0).op().name());
        assertEquals("sigmoid", dz.input(0).input(0).op().name());
        assertTrue(dz.input(0).input(1) == y);
        Values v = Compiler.compile(dz).run(extreme);
        double[] expected = {0, 0, 1, -1, 1 / (1 + Math.exp(-0.5)) - 1};
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i] / 5, v.get(dz).data[i], 1e-15);
        }
    }

    @Test
    void logSoftmax_isFiniteForLargeScores() {
        Node s = g.input("S", 3, Dim.M);
        Node naiveLog = Ops.sum(log(Functions.softmax(s)));
        Node stable = Rewriter.standard().rewrite(naiveLog);
        DMatrixRMaj scores = new DMatrixRMaj(new double[][] {{1000}, {0}, {-1000}});
        double v = Compiler.compile(stable).run(Map.of("S", scores)).scalar(stable);
        assertEquals(0 + -1000 + -2000, v, 1e-9);
        assertTrue(Rewriter.standard().rewrite(List.of(naiveLog)).report().fired("log(exp(x)) → x"));
    }

    @Test
    void lint_warnsAboutWhatRewritingCannotFix_andNotAboutStableForms() {
        List<String> naiveWarnings = Lint.check(naive);
        assertEquals(2, naiveWarnings.size(), naiveWarnings.toString());
        assertTrue(naiveWarnings.get(0).startsWith("log of sigmoid#"), naiveWarnings.get(0));
        assertTrue(Lint.check(Rewriter.standard().rewrite(naive)).isEmpty());
        Node stableSoftmax = Functions.logSoftmax(g.input("S", 3, Dim.M));
        assertTrue(Lint.check(Ops.sum(stableSoftmax)).isEmpty(), Lint.check(Ops.sum(stableSoftmax)).toString());
        List<String> exp = Lint.check(Ops.sum(Ops.exp(z)));
        assertEquals(1, exp.size());
        assertTrue(exp.get(0).startsWith("exp of Z (1×m)") && exp.get(0).contains("unbounded above"), exp.get(0));
    }
}
