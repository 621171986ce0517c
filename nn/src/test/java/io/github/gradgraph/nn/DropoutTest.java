package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.graph.check.GradientChecker;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.optim.Optimizers;
import java.util.Arrays;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Inverted dropout: its masks' statistics, their dependence on the step only, and its absence outside training. */
class DropoutTest {
    private static final NetworkSpec SPEC = new NetworkSpec(new int[] {2, 16, 8, 1}, Activation.TANH,
            Activation.SIGMOID, LossKind.BCE, 0).withDropout(0.3);

    @Test
    void masks_dropAboutP_andPreserveTheMean() {
        int rows = 200;
        int cols = 500;
        DMatrixRMaj mask = new DMatrixRMaj(rows, cols);
        DropoutMasks.fill(mask, 0.3, DropoutMasks.key(1, 0, 1), 1, 0);
        int zeros = 0;
        double sum = 0;
        for (double v : mask.data) {
            assertTrue(v == 0 || v == 1 / 0.7, "a mask holds 0 or 1/(1 − P), got " + v);
            zeros += v == 0 ? 1 : 0;
            sum += v;
        }
        int n = rows * cols;
        double sd = Math.sqrt(n * 0.3 * 0.7); // binomial
        assertEquals(0.3 * n, zeros, 4 * sd, "dropped");
        // E[mask] = 1, so E[a ⊙ mask] = a: the expected activation is kept
        assertEquals(1.0, sum / n, 4 * sd / n / 0.7);
    }

    @Test
    void masks_differPerStepAndLayer_repeatForTheSameStep_andDoNotDependOnHowTheBatchIsSplit() {
        DMatrixRMaj a = new DMatrixRMaj(8, 30);
        DMatrixRMaj b = new DMatrixRMaj(8, 30);
        DropoutMasks.fill(a, 0.5, DropoutMasks.key(7, 2, 3), 1, 0);
        DropoutMasks.fill(b, 0.5, DropoutMasks.key(7, 2, 3), 1, 0);
        assertArrayEquals(a.data, b.data, 0.0);
        DropoutMasks.fill(b, 0.5, DropoutMasks.key(7, 2, 4), 1, 0);
        assertFalse(Arrays.equals(a.data, b.data), "next batch");
        DropoutMasks.fill(b, 0.5, DropoutMasks.key(7, 3, 3), 1, 0);
        assertFalse(Arrays.equals(a.data, b.data), "next epoch");
        DropoutMasks.fill(b, 0.5, DropoutMasks.key(7, 2, 3), 2, 0);
        assertFalse(Arrays.equals(a.data, b.data), "next layer");
        DMatrixRMaj right = new DMatrixRMaj(8, 10); // columns 20..29 of the same batch, drawn on their own
        DropoutMasks.fill(right, 0.5, DropoutMasks.key(7, 2, 3), 1, 20);
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 10; c++) {
                assertEquals(a.get(r, 20 + c), right.get(r, c));
            }
        }
    }

    @Test
    void predictionEvaluationAndTheGradientCheck_runWithoutDropout() {
        Network withDropout = new Network(SPEC);
        Network without = new Network(SPEC.withDropout(0));
        ParameterStore p = Initializer.XAVIER.initialize(withDropout, new ParameterStore(), 2);
        Dataset data = Datasets.moons(40, 0.2, 3);
        assertArrayEquals(new Predictor(without).predict(p, data.x()).data,
                new Predictor(withDropout).predict(p, data.x()).data, 0.0);
        assertEquals(new Evaluator(without).evaluate(p, data, data.targets(1)).loss(),
                new Evaluator(withDropout).evaluate(p, data, data.targets(1)).loss(), 0.0);
        assertEquals(2, withDropout.masks().size());
        assertTrue(withDropout.loss() != withDropout.trainingLoss());
        GradCheckReport r = GradientChecker.defaults().check(withDropout.loss(), withDropout.parameters(),
                Map.of("X", data.x(), "Y", data.targets(1)), p); // no mask to feed: dropout is off here
        assertTrue(r.passed(), r::table);
    }

    @Test
    void training_appliesFreshMasksEachStep_andAResumedRunDrawsTheSame() {
        Dataset data = Datasets.moons(64, 0.2, 5);
        Network net = new Network(SPEC);
        ParameterStore start = Initializer.XAVIER.initialize(net, new ParameterStore(), 2);
        ParameterStore whole = start.copy();
        TrainingHistory all = new Trainer(net, Optimizers.create("adam", 0.01)).fit(whole, data, null,
                new TrainingPlan(6, 16, 9, 0), null);
        ParameterStore half = start.copy();
        Trainer first = new Trainer(net, Optimizers.create("adam", 0.01));
        first.fit(half, data, null, new TrainingPlan(3, 16, 9, 0), null);
        var state = first.optimizer().state();
        var resumedOptimizer = Optimizers.create("adam", 0.01);
        resumedOptimizer.restore(state);
        TrainingHistory rest = new Trainer(net, resumedOptimizer).fit(half, data, null,
                new TrainingPlan(3, 16, 9, 3), null);
        for (Node p : net.parameters()) {
            assertArrayEquals(whole.get(p).data, half.get(p).data, 0.0, p.label());
        }
        assertEquals(all.epochs().get(5).loss(), rest.epochs().get(2).loss(), 0.0);
        // without dropout the same run ends elsewhere: the masks did something
        Network plain = new Network(SPEC.withDropout(0));
        ParameterStore noDrop = start.copy();
        new Trainer(plain, Optimizers.create("adam", 0.01)).fit(noDrop, data, null, new TrainingPlan(6, 16, 9, 0),
                null);
        assertFalse(Arrays.equals(noDrop.get("W1").data, whole.get("W1").data));
    }

    @Test
    void badProbability_isRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SPEC.withDropout(1)).getMessage()
                .contains("dropout probability must be at least 0 and below 1, got 1.0"));
        assertThrows(IllegalArgumentException.class, () -> SPEC.withDropout(-0.1));
        assertThrows(IllegalArgumentException.class, () -> SPEC.withDropout(Double.NaN));
    }
}
