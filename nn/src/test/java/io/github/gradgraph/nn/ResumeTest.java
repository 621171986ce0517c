package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.Preprocessing;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.Safetensors;
import io.github.gradgraph.nn.io.TrainingState;
import io.github.gradgraph.nn.optim.Optimizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * N epochs, a checkpoint written to disk and read back into a fresh network, trainer and optimizer, then N more
 * epochs: bitwise the parameters and history of 2N epochs in one run, for every optimizer, with shuffled mini-batches
 * (whose last batch is smaller).
 */
class ResumeTest {
    private static final int N = 6;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"gd", "momentum", "rmsprop", "adam"})
    void nEpochsThenNMoreFromACheckpoint_equalsTwoNInOneRun_bitwise(String optimizer) {
        Dataset data = Datasets.moons(103, 0.2, 4);
        NetworkSpec spec = new NetworkSpec(new int[] {2, 6, 5, 1}, Activation.TANH, Activation.SIGMOID, LossKind.BCE,
                0.01);
        long seed = 17;
        int batch = 16;

        Network oneNet = new Network(spec);
        ParameterStore one = Initializer.XAVIER.initialize(oneNet, new ParameterStore(), 2);
        ParameterStore start = one.copy();
        TrainingHistory whole = new Trainer(oneNet, Optimizers.create(optimizer, 0.05)).fit(one, data, null,
                new TrainingPlan(2 * N, batch, seed, 0), null);

        Network firstNet = new Network(spec);
        ParameterStore firstParams = new ParameterStore();
        for (Node p : firstNet.parameters()) {
            firstParams.set(p, start.get(p.label()).copy());
        }
        Trainer first = new Trainer(firstNet, Optimizers.create(optimizer, 0.05));
        TrainingHistory firstHalf = first.fit(firstParams, data, null, new TrainingPlan(N, batch, seed, 0), null);
        Path file = tmp.resolve("model.safetensors");
        Safetensors.save(new Checkpoint(spec, firstParams, Preprocessing.NONE, data.classNames(), new TrainingState(N,
                seed, batch, 0.05, first.optimizer().state(), Map.of("data", "moons"))), file);

        Checkpoint back = Safetensors.load(file);
        assertEquals(N, back.training().epochs());
        assertEquals(optimizer, back.training().optimizer().optimizer());
        assertEquals(N * 7L, back.training().optimizer().steps()); // 103 samples: 7 batches of up to 16 per epoch
        Network secondNet = back.network();
        Optimizer restored = Optimizers.create(back.training().optimizer().optimizer(), back.training().lr());
        restored.restore(back.training().optimizer());
        ParameterStore secondParams = new ParameterStore();
        for (Node p : secondNet.parameters()) {
            secondParams.set(p, back.params().get(p.label()));
        }
        TrainingHistory secondHalf = new Trainer(secondNet, restored).fit(secondParams, data, null,
                new TrainingPlan(N, back.training().batchSize(), back.training().seed(), back.training().epochs()),
                null);

        for (Node p : oneNet.parameters()) {
            assertArrayEquals(one.get(p).data, secondParams.get(p.label()).data, 0.0, p.label() + " after " + optimizer);
        }
        for (int e = 0; e < N; e++) {
            assertEquals(whole.epochs().get(e).loss(), firstHalf.epochs().get(e).loss(), 0.0);
            assertEquals(whole.epochs().get(N + e).loss(), secondHalf.epochs().get(e).loss(), 0.0);
            assertEquals(N + e + 1, secondHalf.epochs().get(e).epoch());
        }
        assertFalse(java.util.Arrays.equals(start.get("W1").data, one.get(oneNet.weight(1)).data), "it trained");
    }

    /**
     * A scheduled run of E epochs interrupted after K, its checkpoint written and read back, then resumed for E − K:
     * every epoch's learning rate is the uninterrupted run's (the schedule keeps counting epochs and keeps its length
     * E; it does not start over for the E − K epochs left), and so are the history and the parameters, bitwise.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cosine:0.001 warmup 2", "cosine", "step:3:0.5", "exp:0.8 warmup 1"})
    void aScheduledRunResumedFromACheckpoint_hasTheUninterruptedRunsRates(String schedule) {
        String[] words = schedule.split(" ");
        LearningRateSchedule lrs = LearningRateSchedule.parse(words[0])
                .withWarmup(words.length > 1 ? Integer.parseInt(words[2]) : 0);
        int total = 11;
        int stop = 4;
        double base = 0.05;
        Dataset data = Datasets.moons(103, 0.2, 4);
        NetworkSpec spec = new NetworkSpec(new int[] {2, 6, 5, 1}, Activation.TANH, Activation.SIGMOID, LossKind.BCE,
                0.01);
        Network oneNet = new Network(spec);
        ParameterStore one = Initializer.XAVIER.initialize(oneNet, new ParameterStore(), 2);
        ParameterStore start = one.copy();
        TrainingHistory whole = new Trainer(oneNet, Optimizers.create("adam", base)).fit(one, data, null,
                new TrainingPlan(total, 16, 17, 0).withSchedule(lrs), null);
        assertEquals(total, whole.epochs().size());
        for (int e = 1; e <= total; e++) {
            assertEquals(lrs.rate(base, e, total), whole.epochs().get(e - 1).lr(), 0.0, "epoch " + e + " of " + total);
        }

        // the first part knows the run is planned for `total` epochs; the checkpoint keeps that, and the base rate
        Network firstNet = new Network(spec);
        ParameterStore firstParams = start.copy();
        Trainer first = new Trainer(firstNet, Optimizers.create("adam", base));
        first.fit(firstParams, data, null, new TrainingPlan(stop, 16, 17, 0).withSchedule(lrs)
                .withScheduleEpochs(total), null);
        Path file = tmp.resolve("scheduled.safetensors");
        Safetensors.save(new Checkpoint(spec, firstParams, Preprocessing.NONE, data.classNames(), new TrainingState(
                stop, 17, 16, base, first.optimizer().state(), Map.of("schedule_epochs", Integer.toString(total)))),
                file);

        Checkpoint back = Safetensors.load(file);
        TrainingState state = back.training();
        // resumed as a caller that kept the planned length says so; one that did not relies on doneEpochs + epochs
        for (boolean sayTotal : new boolean[] {true, false}) {
            Optimizer restored = Optimizers.create("adam", state.lr());
            restored.restore(state.optimizer());
            Network secondNet = back.network();
            ParameterStore secondParams = new ParameterStore();
            for (Node p : secondNet.parameters()) {
                secondParams.set(p, back.params().get(p.label()).copy());
            }
            TrainingPlan plan = new TrainingPlan(total - state.epochs(), state.batchSize(), state.seed(),
                    state.epochs()).withSchedule(lrs);
            TrainingHistory rest = new Trainer(secondNet, restored).fit(secondParams, data, null, sayTotal
                    ? plan.withScheduleEpochs(Integer.parseInt(state.settings().get("schedule_epochs"))) : plan, null);

            assertEquals(total - stop, rest.epochs().size());
            for (int e = stop + 1; e <= total; e++) {
                EpochStats want = whole.epochs().get(e - 1);
                EpochStats got = rest.epochs().get(e - stop - 1);
                assertEquals(e, got.epoch());
                assertEquals(want.lr(), got.lr(), 0.0, "the learning rate of resumed epoch " + e + " (" + lrs + ")");
                assertEquals(want.loss(), got.loss(), 0.0, "the loss of resumed epoch " + e);
                assertEquals(want.gradNorm(), got.gradNorm(), 0.0, "the gradient norm of resumed epoch " + e);
            }
            for (Node p : oneNet.parameters()) {
                assertArrayEquals(one.get(p).data, secondParams.get(p.label()).data, 0.0, p.label() + " with " + lrs);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"momentum", "rmsprop", "adam"})
    void withoutTheOptimizerState_theResumedRunDiffers(String optimizer) {
        // The guard of the test above: the state matters, so restoring it is what makes the runs equal.
        Dataset data = Datasets.moons(60, 0.2, 4);
        NetworkSpec spec = NetworkSpec.defaults();
        Network net = new Network(spec);
        ParameterStore a = Initializer.XAVIER.initialize(net, new ParameterStore(), 2);
        ParameterStore b = a.copy();
        new Trainer(net, Optimizers.create(optimizer, 0.05)).fit(a, data, null, new TrainingPlan(4, 16, 1, 0), null);
        Trainer firstHalf = new Trainer(net, Optimizers.create(optimizer, 0.05));
        firstHalf.fit(b, data, null, new TrainingPlan(2, 16, 1, 0), null);
        new Trainer(net, Optimizers.create(optimizer, 0.05)).fit(b, data, null, new TrainingPlan(2, 16, 1, 2), null);
        assertFalse(java.util.Arrays.equals(a.get(net.weight(1)).data, b.get(net.weight(1)).data));
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam"})
    void anotherOptimizersState_isRefused(String optimizer) {
        Optimizer adam = Optimizers.create(optimizer, 0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("momentum", 0.1).restore(adam.state()));
        assertTrue(e.getMessage().contains("adam") && e.getMessage().contains("momentum"), e.getMessage());
        assertEquals(List.of("v", "s"), List.copyOf(adam.state().buffers().keySet()));
    }
}
