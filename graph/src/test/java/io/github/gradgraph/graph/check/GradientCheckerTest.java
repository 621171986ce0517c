package io.github.gradgraph.graph.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.Primitive;
import io.github.gradgraph.graph.TestPrimitives;
import io.github.gradgraph.graph.ops.Functions;
import io.github.gradgraph.graph.ops.Losses;
import io.github.gradgraph.graph.ops.Ops;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class GradientCheckerTest {
    private final Graph g = new Graph();
    private final ParameterStore store = new ParameterStore();

    @Test
    void aTwoLayerNetwork_passes_andTheTableNamesEachParameter() {
        Node x = g.input("X", 2, Dim.M);
        Node y = g.input("Y", 1, Dim.M);
        Node w1 = g.parameter("W1", 4, 2);
        Node b1 = g.parameter("b1", 4, 1);
        Node w2 = g.parameter("W2", 1, 4);
        Node b2 = g.parameter("b2", 1, 1);
        store.set(w1, new DMatrixRMaj(new double[][] {{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}, {0.7, -0.8}}));
        store.set(b1, new DMatrixRMaj(new double[][] {{0.01}, {-0.02}, {0.03}, {0.0}}));
        store.set(w2, new DMatrixRMaj(new double[][] {{0.9, -1.0, 1.1, -1.2}}));
        store.set(b2, new DMatrixRMaj(new double[][] {{0.05}}));
        Node a1 = Ops.tanh(Ops.add(Ops.matmul(w1, x), b1));
        Node j = Losses.binaryCrossEntropyWithLogits(Ops.add(Ops.matmul(w2, a1), b2), y);
        Map<String, DMatrixRMaj> feeds = Map.of("X", new DMatrixRMaj(new double[][] {{1, -2, 0.5}, {0.3, 2, -1}}),
                "Y", new DMatrixRMaj(new double[][] {{1, 0, 1}}));
        GradCheckReport report = GradientChecker.defaults().check(j, List.of(w1, b1, w2, b2), feeds, store);
        assertTrue(report.passed(), report::table);
        assertTrue(report.maxRelativeDifference() < 1e-7, report::table);
        String table = report.table();
        for (String name : List.of("W1", "b1", "W2", "b2")) {
            assertTrue(table.lines().anyMatch(l -> l.startsWith(name + " ") && l.endsWith("pass")), table);
        }
        assertEquals(8, report.variable("W1").checked());
        assertTrue(table.contains("gradient check passed"), table);
    }

    @Test
    void aWrongRule_isCaught() {
        Primitive wrongSquare = TestPrimitives.elementwise("wrong_square", v -> v * v,
                (out, grad) -> Ops.mul(grad, Ops.scale(out.input(0), 2.01))); // 1% off
        Node w = g.parameter("w", 3, 1);
        store.set(w, new DMatrixRMaj(new double[][] {{1}, {2}, {-3}}));
        GradCheckReport report = GradientChecker.defaults().check(Ops.sum(g.apply(wrongSquare, w)), List.of(w),
                Map.of(), store);
        assertFalse(report.passed());
        assertFalse(report.variable("w").allclose());
        assertTrue(report.variable("w").relativeDifference() > 1e-3);
        assertTrue(report.table().contains("FAIL"));
    }

    @Test
    void sampledEntries_checkExactlyThatMany_theSameOnesForTheSameSeed_andStillCatchAWrongRule() {
        Primitive wrongSquare = TestPrimitives.elementwise("wrong_square", v -> v * v,
                (out, grad) -> Ops.mul(grad, Ops.scale(out.input(0), 2.01))); // 1% off
        Node w = g.parameter("w", 40, 25);
        DMatrixRMaj value = new DMatrixRMaj(40, 25);
        for (int i = 0; i < value.data.length; i++) {
            value.data[i] = Math.sin(i) + 0.5;
        }
        store.set(w, value);
        Node good = Ops.sum(Ops.mul(w, w));
        GradientChecker sampled = GradientChecker.defaults().withSampledEntries(30, 7);
        VariableCheck a = sampled.check(good, List.of(w), Map.of(), store).variable("w");
        VariableCheck b = sampled.check(good, List.of(w), Map.of(), store).variable("w");
        assertEquals(30, a.checked());
        assertTrue(a.passed());
        int estimated = 0;
        for (int i = 0; i < a.numeric().data.length; i++) {
            assertEquals(Double.isNaN(a.numeric().data[i]), Double.isNaN(b.numeric().data[i]), "same entries");
            estimated += Double.isNaN(a.numeric().data[i]) ? 0 : 1;
        }
        assertEquals(30, estimated, "the entries left out have no estimate");
        assertEquals(1000, GradientChecker.defaults().check(good, List.of(w), Map.of(), store).variable("w")
                .checked(), "0 = every entry, the default");
        assertFalse(sampled.check(Ops.sum(g.apply(wrongSquare, w)), List.of(w), Map.of(), store).passed());
    }

    @Test
    void aSmallGradientWrongByHalf_fails_whateverItsMagnitude() {
        // J = 1e-6·Σ w², so ∂J/∂w = 2e-6·w, entries ~1e-6: under PyTorch's fixed atol 1e-5 any error this size passes.
        Primitive halfWrong = TestPrimitives.elementwise("half_wrong", v -> 1e-6 * v * v,
                (out, grad) -> Ops.mul(grad, Ops.scale(out.input(0), 1e-6))); // 1e-6·w instead of 2e-6·w
        Node w = g.parameter("w", 3, 1);
        store.set(w, new DMatrixRMaj(new double[][] {{1}, {2}, {-3}}));
        Node j = Ops.sum(g.apply(halfWrong, w));
        GradCheckReport report = GradientChecker.defaults().check(j, List.of(w), Map.of(), store);
        assertFalse(report.passed(), report.table());
        assertFalse(report.variable("w").allclose(), report.table());
        assertTrue(report.variable("w").maxAbsError() < 1e-5, "the error is below the old fixed floor");
        assertTrue(GradientChecker.defaults().withAllclose(1e-5, 1e-3).check(j, List.of(w), Map.of(), store)
                .passed(), "with PyTorch's fixed atol the wrong gradient would pass");
        Primitive right = TestPrimitives.elementwise("right", v -> 1e-6 * v * v,
                (out, grad) -> Ops.mul(grad, Ops.scale(out.input(0), 2e-6)));
        assertTrue(GradientChecker.defaults().check(Ops.sum(g.apply(right, w)), List.of(w), Map.of(), store)
                .passed(), "the right small gradient passes");
    }

    @Test
    void aVariableWhoseEveryEntryIsAKink_isNotChecked_neverAPass() {
        Node w = g.parameter("w", 2, 1);
        Node v = g.parameter("v", 2, 1);
        store.set(w, new DMatrixRMaj(new double[][] {{0.0}, {0.0}}));
        store.set(v, new DMatrixRMaj(new double[][] {{1.0}, {2.0}}));
        Node j = Ops.sum(Ops.add(Ops.relu(w), Ops.mul(v, v)));
        GradCheckReport report = GradientChecker.defaults().check(j, List.of(w, v), Map.of(), store);
        VariableCheck check = report.variable("w");
        assertEquals(0, check.checked());
        assertEquals(2, check.kinks());
        assertFalse(check.passed());
        assertEquals("not checked", check.result());
        assertEquals(List.of("w"), report.notChecked());
        assertTrue(report.passed(), "nothing failed and v passed");
        assertTrue(report.table().contains("not checked: w (every entry within eps of a kink"), report.table());
        GradCheckReport onlyKinks = GradientChecker.defaults().check(j, List.of(w), Map.of(), store);
        assertFalse(onlyKinks.passed(), "a check that compared nothing is not a pass");
    }

    @Test
    void entriesAtAKink_areReportedAsKinks_notFailures() {
        Node w = g.parameter("w", 4, 1);
        store.set(w, new DMatrixRMaj(new double[][] {{0.0}, {1.0}, {-1.0}, {0.0}}));
        Node j = Ops.sum(Ops.add(Ops.relu(w), Ops.abs(w)));
        VariableCheck check = GradientChecker.defaults().check(j, List.of(w), Map.of(), store).variable("w");
        assertEquals(2, check.kinks());
        assertEquals(2, check.checked());
        assertTrue(check.passed());
    }

    @Test
    void aTieInAMax_isAKink() {
        Node w = g.parameter("w", 2, 2);
        store.set(w, new DMatrixRMaj(new double[][] {{1.0, 3.0}, {1.0, 2.0}}));
        VariableCheck check = GradientChecker.defaults().check(Ops.sum(Ops.max(w, 0)), List.of(w), Map.of(), store)
                .variable("w");
        assertEquals(2, check.kinks()); // the tied column; the other column is smooth
        assertTrue(check.passed());
    }

    @Test
    void inputsCanBeChecked_andNothingTheCallerOwnsChanges() {
        Node x = g.input("X", 2, Dim.M);
        Node w = g.parameter("W", 1, 2);
        store.set(w, new DMatrixRMaj(new double[][] {{0.3, -0.7}}));
        Node j = Functions.mean(Ops.exp(Ops.matmul(w, x)));
        DMatrixRMaj xs = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        double[] xBefore = xs.data.clone();
        double[] wBefore = store.get(w).data.clone();
        GradCheckReport report = GradientChecker.defaults().check(j, List.of(x, w), Map.of("X", xs), store);
        assertTrue(report.passed(), report::table);
        assertArrayEquals(xBefore, xs.data, 0.0);
        assertArrayEquals(wBefore, store.get(w).data, 0.0);
    }
}
