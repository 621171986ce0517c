package io.github.gradgraph.client;

import static io.github.gradgraph.graph.ops.Ops.add;
import static io.github.gradgraph.graph.ops.Ops.log;
import static io.github.gradgraph.graph.ops.Ops.matmul;
import static io.github.gradgraph.graph.ops.Ops.mul;
import static io.github.gradgraph.graph.ops.Ops.neg;
import static io.github.gradgraph.graph.ops.Ops.oneMinus;
import static io.github.gradgraph.graph.ops.Ops.relu;
import static io.github.gradgraph.graph.ops.Ops.sigmoid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.NonFiniteException;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.ValueAndGrad;
import io.github.gradgraph.graph.ops.Functions;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.optim.Optimizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * A user's first hour, from outside gradgraph's packages (public API only): a 3-layer network built by hand with the
 * textbook's cross-entropy, −mean(Y⊙log A3 + (1 − Y)⊙log(1 − A3)), initialized, and trained by a loop of
 * value-and-grad and an optimizer — no EJML call, no list juggling.
 */
class HandBuiltLoopTest {
    private final Graph g = new Graph();
    private final Node x = g.input("X", 2, Dim.M);
    private final Node y = g.input("Y", 1, Dim.M);
    private final Node w1 = g.parameter("W1", 8, 2);
    private final Node b1 = g.parameter("b1", 8, 1);
    private final Node w2 = g.parameter("W2", 4, 8);
    private final Node b2 = g.parameter("b2", 4, 1);
    private final Node w3 = g.parameter("W3", 1, 4);
    private final Node b3 = g.parameter("b3", 1, 1);
    private final Node a3 = sigmoid(add(matmul(w3, relu(add(matmul(w2, relu(add(matmul(w1, x), b1))), b2))), b3));
    private final Node logOneMinusA3 = log(oneMinus(a3)); private final int logLine = line();
    private final Node j = neg(Functions.mean(add(mul(y, log(a3)), mul(oneMinus(y), logOneMinusA3))));
    private final Dataset data = Datasets.moons(200, 0.1, 3);
    private final Map<String, DMatrixRMaj> feeds = Map.of("X", data.x(), "Y", data.targets(1));

    @Test
    void aTenLineTrainingLoop_trainsTheTextbookLoss_withoutNaN() {
        ParameterStore params = Initializer.zeros(Initializer.HE.initialize(new ParameterStore(), 1, w1, w2, w3),
                b1, b2, b3);
        ValueAndGrad vg = ValueAndGrad.of(j, w1, b1, w2, b2, w3, b3);
        Optimizer adam = Optimizers.create("adam", 0.05);
        double first = vg.run(feeds, params).value();
        for (int step = 0; step < 300; step++) {
            adam.update(params, vg.run(feeds, params));
        }
        double last = vg.run(feeds, params).value();
        assertTrue(last < first / 3, "J went from " + first + " to " + last);
    }

    @Test
    void theStepsThatOverflowTheTextbookForm_runFinite_becauseTheRewritesApply() {
        ParameterStore params = Initializer.zeros(Initializer.HE.initialize(new ParameterStore(), 1, w1, w2, w3),
                b1, b2, b3);
        ValueAndGrad vg = ValueAndGrad.of(j, w1, b1, w2, b2, w3, b3);
        Optimizer gd = Optimizers.create("gd", 50); // the schedule of the test below, where log(1 − A3) hits log(0)
        for (int step = 0; step < 200; step++) {
            gd.update(params, vg.run(feeds, params));
        }
        assertTrue(Double.isFinite(vg.run(feeds, params).value()));
    }

    @Test
    void withoutTheRewrites_theOverflowIsNamedAtTheLogAndItsLine_andNothingIsUpdated() {
        ParameterStore params = Initializer.zeros(Initializer.HE.initialize(new ParameterStore(), 1, w1, w2, w3),
                b1, b2, b3);
        ValueAndGrad vg = ValueAndGrad.asWritten(j, w1, b1, w2, b2, w3, b3);
        Optimizer gd = Optimizers.create("gd", 50); // a large step: some A3 saturate at exactly 0 or 1
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> {
            for (int step = 0; step < 200; step++) {
                gd.update(params, vg.run(feeds, params));
            }
        });
        assertTrue(e.getMessage().contains("= log(") && e.getMessage().contains("made at HandBuiltLoopTest.java:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("HandBuiltLoopTest.java:" + logLine) || e.getMessage().contains(
                "HandBuiltLoopTest.java:" + (logLine + 1)), e.getMessage());
        ParameterStore copy = snapshot(params);
        assertThrows(NonFiniteException.class, () -> gd.update(params, vg.run(feeds, params)));
        for (Node p : new Node[] {w1, b1, w2, b2, w3, b3}) {
            assertArrayEquals(copy.get(p).data, params.get(p).data, 0.0, p.label() + " must be unchanged");
        }
    }

    private static ParameterStore snapshot(ParameterStore s) {
        return s.copy();
    }

    private static int line() {
        return StackWalker.getInstance().walk(f -> f.skip(1).findFirst().orElseThrow().getLineNumber());
    }
}
