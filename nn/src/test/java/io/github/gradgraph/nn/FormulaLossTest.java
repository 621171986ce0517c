package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.graph.check.GradientChecker;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.expr.ExpressionException;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** A loss typed as a formula of A, Z and Y builds the same J, and the same derived gradients, as the built-in one. */
class FormulaLossTest {
    private static final Dataset DATA = Datasets.flower(3).select(range(64));

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** J and every gradient of two networks of one spec, on the same parameters. */
    private static List<DMatrixRMaj> valueAndGradients(NetworkSpec spec, LossFunction loss) {
        Network net = new Network(spec, loss);
        ParameterStore params = Initializer.XAVIER.initialize(net, new ParameterStore(), 5);
        List<io.github.gradgraph.graph.Node> outputs = new ArrayList<>(List.of(net.loss()));
        outputs.addAll(Autodiff.gradients(net.loss(), net.parameters()));
        Values v = Compiler.compile(outputs.toArray(io.github.gradgraph.graph.Node[]::new)).run(
                Map.of("X", DATA.x(), "Y", DATA.targets(spec.size(spec.depth()))), params);
        return outputs.stream().map(v::get).toList();
    }

    private static void assertSame(List<DMatrixRMaj> expected, List<DMatrixRMaj> actual, double tol) {
        assertEquals(expected.size(), actual.size());
        int compared = 0;
        for (int k = 0; k < expected.size(); k++) {
            DMatrixRMaj e = expected.get(k);
            DMatrixRMaj a = actual.get(k);
            assertEquals(e.getNumElements(), a.getNumElements());
            for (int i = 0; i < e.getNumElements(); i++) {
                assertEquals(e.data[i], a.data[i], tol * (1 + Math.abs(e.data[i])), "output " + k + " entry " + i);
                compared++;
            }
        }
        assertTrue(compared > 20, "compared " + compared);
    }

    @Test
    void textbookCrossEntropy_overA_equalsTheBuiltInBce() {
        assertSame(valueAndGradients(NetworkSpec.defaults(), LossKind.BCE),
                valueAndGradients(NetworkSpec.defaults(), new FormulaLoss("mean(-(Y*log(A) + (1 - Y)*log(1 - A)))")),
                1e-12);
    }

    @Test
    void crossEntropyFromTheLogits_overZ_equalsTheBuiltInBce() {
        assertSame(valueAndGradients(NetworkSpec.defaults(), LossKind.BCE),
                valueAndGradients(NetworkSpec.defaults(), new FormulaLoss("mean(softplus(Z) - Y*Z)")), 1e-12);
    }

    @Test
    void statementsAndSoftmaxCrossEntropy_equalTheBuiltIn() {
        NetworkSpec spec = NetworkSpec.withDefaults(new int[] {2, 5, 2}, Activation.RELU, null, null, 0);
        assertSame(valueAndGradients(spec, LossKind.SOFTMAX_CROSS_ENTROPY),
                valueAndGradients(spec, new FormulaLoss("nll = -sum(Y * log(A), 0)\nmean(nll)")), 1e-12);
    }

    @Test
    void aWeightedCrossEntropy_passesTheGradientCheck() {
        Network net = new Network(NetworkSpec.defaults(),
                new FormulaLoss("mean(-(3*Y*log(A) + (1 - Y)*log(1 - A)))"));
        ParameterStore params = Initializer.XAVIER.initialize(net, new ParameterStore(), 2);
        GradCheckReport r = GradientChecker.defaults().check(net.loss(), net.parameters(),
                Map.of("X", DATA.x(), "Y", DATA.targets(1)), params);
        assertTrue(r.passed(), r::table);
        assertEquals(6, r.variables().size());
    }

    @Test
    void anUnknownName_isAnErrorAtItsPosition_namingTheUsableOnes() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> new Network(NetworkSpec.defaults(), new FormulaLoss("mean((A - T)**2)")));
        assertEquals("line 1, column 11: unknown name 'T'; this formula can use A, Y, Z and the names it assigns",
                e.getMessage());
        assertEquals(11, e.column());
    }

    @Test
    void aShapeError_isAnErrorAtItsPosition() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> new Network(NetworkSpec.defaults(), new FormulaLoss("mean(A @ Y)")));
        assertTrue(e.getMessage().startsWith("line 1, column 8: matmul"), e.getMessage());
    }

    @Test
    void aLossThatIsNotScalar_andAnEmptyOne_areRejected() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> new Network(NetworkSpec.defaults(), new FormulaLoss("A - Y"))).getMessage();
        assertTrue(msg.startsWith("the loss must be a 1×1 node, got ") && msg.endsWith("(1×m); reduce it with mean or sum"),
                msg);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FormulaLoss("  ")).getMessage()
                .startsWith("the loss formula is empty"));
    }

    @Test
    void theDerivationOfATypedLoss_printsItsSubtractionsAsSubtractions() {
        Network net = new Network(NetworkSpec.defaults(),
                new FormulaLoss("mean(-(3*Y*log(A) + (1 - Y)*log(1 - A)))"));
        String text = io.github.gradgraph.graph.print.Derivation.of(net.loss(), net.parameters(),
                Map.of(net.input(), "A0")).format(io.github.gradgraph.graph.print.Notation.UNICODE);
        assertTrue(text.contains("dZ[3] = (1 − Y) ⊙ A[3] − 3·(Y ⊙ σ(−Z[3]))"), text);
        assertTrue(text.contains("J = (1/m)·Σ((1 − Y) ⊙ softplus(Z[3]) + 3·(Y ⊙ softplus(−Z[3])))"), text);
        for (String wrong : new String[] {"+ -", "+ −", "− −", "- -"}) {
            assertTrue(!text.contains(wrong), "'" + wrong + "' in\n" + text);
        }
    }
}
