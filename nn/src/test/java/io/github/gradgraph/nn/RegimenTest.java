package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.optim.GradientDescent;
import io.github.gradgraph.nn.optim.Optimizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Learning-rate schedules, gradient clipping and early stopping, each against its formula or definition. */
class RegimenTest {
    private static final NetworkSpec SPEC = new NetworkSpec(new int[] {2, 6, 1}, Activation.TANH, Activation.SIGMOID,
            LossKind.BCE, 0.01);

    @Test
    void schedules_followTheirFormulas_withWarmup() {
        double lr = 0.1;
        LearningRateSchedule step = LearningRateSchedule.parse("step:3:0.5");
        LearningRateSchedule exp = LearningRateSchedule.parse("exp:0.9");
        LearningRateSchedule cosine = LearningRateSchedule.parse("cosine:0.01");
        for (int e = 1; e <= 20; e++) {
            assertEquals(lr * Math.pow(0.5, (e - 1) / 3), step.rate(lr, e, 20), 0);
            assertEquals(lr * Math.pow(0.9, e - 1), exp.rate(lr, e, 20), 1e-18);
            assertEquals(0.01 + (lr - 0.01) * (1 + Math.cos(Math.PI * (e - 1) / 20)) / 2, cosine.rate(lr, e, 20), 1e-17);
        }
        LearningRateSchedule warm = cosine.withWarmup(4);
        for (int e = 1; e <= 4; e++) {
            assertEquals(lr * e / 4, warm.rate(lr, e, 20), 1e-17);
        }
        for (int e = 5; e <= 20; e++) { // then the schedule over the 16 remaining epochs, from its first
            assertEquals(cosine.rate(lr, e - 4, 16), warm.rate(lr, e, 20), 0);
        }
        assertEquals(lr, LearningRateSchedule.parse("cosine").rate(lr, 1, 10), 0);
        assertEquals("step:3:0.5", step.spec());
        assertEquals(step, LearningRateSchedule.parse(step.spec()));
    }

    @Test
    void parse_badSchedules_nameWhatIsWrong() {
        assertTrue(message("step:0:0.5").contains("K (epochs between steps) must be at least 1"));
        assertTrue(message("step:2").contains("expected step:K:G, exp:G, cosine, cosine:MIN or constant"));
        assertTrue(message("exp:-1").contains("G must be a finite number > 0"));
        assertTrue(message("cosine:x").contains("'x' is not a number"));
        assertTrue(message("linear").contains("expected step:K:G"));
        assertTrue(message("step:1.5:0.5").contains("K must be a whole number"));
    }

    private static String message(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse(spec)).getMessage();
    }

    @Test
    void fit_usesEachEpochsRate_andRecordsIt() {
        Dataset data = Datasets.moons(60, 0.2, 1);
        Network net = new Network(SPEC);
        ParameterStore params = Initializer.XAVIER.initialize(net, new ParameterStore(), 3);
        ParameterStore byHand = params.copy();
        TrainingPlan plan = new TrainingPlan(7, TrainingPlan.FULL_BATCH, 1, 0)
                .withSchedule(LearningRateSchedule.parse("step:2:0.5").withWarmup(2));
        TrainingHistory h = new Trainer(net, new GradientDescent(0.4)).fit(params, data, null, plan, null);
        double[] expected = {0.2, 0.4, 0.4, 0.4, 0.2, 0.2, 0.1};
        GradientDescent gd = new GradientDescent(0.4);
        TrainingStep manual = new TrainingStep(net, gd);
        for (int e = 0; e < 7; e++) {
            assertEquals(expected[e], h.epochs().get(e).lr(), 1e-17, "epoch " + (e + 1));
            gd.setLearningRate(expected[e]); // the same epoch by hand: one full-batch step at that rate
            manual.run(Map.of("X", data.x(), "Y", data.targets(1)), byHand);
        }
        for (Node p : net.parameters()) {
            assertArrayEquals(byHand.get(p).data, params.get(p).data, 0.0, p.label());
        }
    }

    @Test
    void clipping_scalesTheGlobalNormAsClipGradNorm_andRecordsTheNormBefore() {
        Dataset data = Datasets.moons(50, 0.2, 2);
        Network net = new Network(SPEC);
        ParameterStore params = Initializer.XAVIER.initialize(net, new ParameterStore(), 5);
        ParameterStore before = params.copy();
        Map<String, DMatrixRMaj> feeds = Map.of("X", data.x(), "Y", data.targets(1));
        TrainingStep unclipped = new TrainingStep(net, new GradientDescent(1e-300)); // reads the gradients only
        Values v = unclipped.run(feeds, params.copy());
        List<DMatrixRMaj> grads = new ArrayList<>();
        double sum = 0;
        for (Node g : unclipped.gradients()) {
            DMatrixRMaj copy = v.copy(g); // a program's buffer may be longer than its matrix
            grads.add(copy);
            for (double x : copy.data) {
                sum += x * x;
            }
        }
        double norm = Math.sqrt(sum);
        double c = norm / 4; // so that clipping bites
        TrainingStep clipped = new TrainingStep(net, new GradientDescent(0.5));
        clipped.run(feeds, params, io.github.gradgraph.graph.exec.Checks.FULL, c);
        assertEquals(norm, clipped.lastGradNorm(), 1e-14 * norm);
        double scale = c / (norm + 1e-6);
        List<Node> ps = net.parameters();
        for (int i = 0; i < ps.size(); i++) {
            DMatrixRMaj w = before.get(ps.get(i));
            for (int k = 0; k < w.data.length; k++) {
                assertEquals(w.data[k] - 0.5 * scale * grads.get(i).data[k], params.get(ps.get(i)).data[k], 1e-15);
            }
        }
        // a norm already below C is left alone
        ParameterStore p2 = before.copy();
        new TrainingStep(net, new GradientDescent(0.5)).run(feeds, p2, io.github.gradgraph.graph.exec.Checks.FULL,
                norm * 2);
        for (int i = 0; i < ps.size(); i++) {
            for (int k = 0; k < grads.get(i).data.length; k++) {
                assertEquals(before.get(ps.get(i)).data[k] - 0.5 * grads.get(i).data[k], p2.get(ps.get(i)).data[k],
                        1e-15);
            }
        }
        TrainingHistory h = new Trainer(net, new GradientDescent(0.5)).fit(before.copy(), data, null,
                new TrainingPlan(1, TrainingPlan.FULL_BATCH, 1, 0).withClipNorm(c), null);
        assertEquals(norm, h.epochs().get(0).gradNorm(), 1e-14 * norm);
    }

    @Test
    void earlyStopping_stopsAfterPatience_andKeepsTheBestEpochsParameters() {
        Dataset all = Datasets.moons(200, 0.35, 7);
        Dataset.Split split = all.split(0.5, 1);
        Network net = new Network(new NetworkSpec(new int[] {2, 32, 32, 1}, Activation.RELU, Activation.SIGMOID,
                LossKind.BCE, 0));
        ParameterStore params = Initializer.HE.initialize(net, new ParameterStore(), 1);
        List<ParameterStore> snapshots = new ArrayList<>();
        Trainer.Listener keep = stats -> snapshots.add(params.copy());
        int patience = 5;
        TrainingHistory h = new Trainer(net, Optimizers.create("adam", 0.05)).fit(params, split.train(),
                split.test(), null, new TrainingPlan(400, 16, 1, 0).withEarlyStopping(patience), keep);
        assertTrue(h.stoppedEarly(), "an overfitting network should stop early; ran " + h.epochs().size());
        int best = 1;
        for (EpochStats e : h.epochs()) {
            if (e.validationLoss() < h.epochs().get(best - 1).validationLoss()) {
                best = e.epoch();
            }
        }
        assertEquals(best, h.bestEpoch());
        assertEquals(best + patience, h.stoppedEpoch());
        assertEquals(h.stoppedEpoch(), h.epochs().size());
        for (Node p : net.parameters()) {
            assertArrayEquals(snapshots.get(best - 1).get(p).data, params.get(p).data, 0.0, p.label());
        }
        assertThrows(IllegalArgumentException.class, () -> new Trainer(net, new GradientDescent(0.1)).fit(params,
                split.train(), null, null, new TrainingPlan(3, 16, 1, 0).withEarlyStopping(2), null));
    }

    @Test
    void earlyStopping_withAValidationSet_monitorsIt_neverTheTestSet() {
        // The test set's labels are flipped, so its loss grows as the network learns (lowest at epoch 1), while the
        // validation loss falls for a while first: monitoring the wrong set would stop at another epoch, keep
        // another epoch's parameters, and choose the model by the test set.
        Dataset all = Datasets.moons(200, 0.35, 7);
        Dataset.Split split = all.split(0.5, 1);
        Dataset validation = split.test();
        int[] flipped = validation.labels().clone();
        for (int i = 0; i < flipped.length; i++) {
            flipped[i] = 1 - flipped[i];
        }
        Dataset test = new Dataset("flipped", validation.x(), flipped, validation.classNames());
        Network net = new Network(new NetworkSpec(new int[] {2, 32, 32, 1}, Activation.RELU, Activation.SIGMOID,
                LossKind.BCE, 0));
        ParameterStore params = Initializer.HE.initialize(net, new ParameterStore(), 1);
        List<ParameterStore> snapshots = new ArrayList<>();
        int patience = 5;
        TrainingHistory h = new Trainer(net, Optimizers.create("adam", 0.05)).fit(params, split.train(), validation,
                test, new TrainingPlan(400, 16, 1, 0).withEarlyStopping(patience), stats -> snapshots.add(params
                        .copy()));

        int bestValidation = 1;
        int bestTest = 1;
        for (EpochStats e : h.epochs()) {
            bestValidation = e.validationLoss() < h.epochs().get(bestValidation - 1).validationLoss() ? e.epoch()
                    : bestValidation;
            bestTest = e.testLoss() < h.epochs().get(bestTest - 1).testLoss() ? e.epoch() : bestTest;
        }
        assertEquals(bestValidation, h.bestEpoch(), "the best epoch is the validation set's (the test set's is "
                + bestTest + ")");
        assertEquals(bestValidation + patience, h.stoppedEpoch(), "stopped by the validation loss");
        assertEquals(h.stoppedEpoch(), h.epochs().size());
        assertTrue(bestTest + patience < h.stoppedEpoch(), "the two sets must disagree for this test to mean anything: "
                + "best validation epoch " + bestValidation + ", best test epoch " + bestTest);
        for (Node p : net.parameters()) {
            assertArrayEquals(snapshots.get(bestValidation - 1).get(p).data, params.get(p).data, 0.0, p.label()
                    + " is the best validation epoch's");
        }
    }

    @Test
    void plan_badValues_areRefused() {
        TrainingPlan plan = new TrainingPlan(5, 8, 1, 0);
        assertThrows(IllegalArgumentException.class, () -> plan.withClipNorm(-1));
        assertThrows(IllegalArgumentException.class, () -> plan.withEarlyStopping(-1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> plan.withSchedule(LearningRateSchedule.CONSTANT
                .withWarmup(5))).getMessage().contains("must be shorter than the run (5 epochs)"));
    }
}
