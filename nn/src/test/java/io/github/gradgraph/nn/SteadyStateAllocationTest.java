package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.core.Precision;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.optim.Optimizers;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.IntConsumer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A steady-state training step allocates nothing: bytes, counted by the JVM for this thread, not time. The products
 * here are small enough that the BLAS takes no packing buffers (large ones do, inside the library; see
 * docs/decisions/0003). Both dtypes: a float32 step narrows the float64 parameters into its own float buffers and
 * widens the gradients back, in place.
 */
class SteadyStateAllocationTest {
    private static final NetworkSpec SPIRALS = new NetworkSpec(new int[] {2, 16, 8, 3}, Activation.RELU,
            Activation.SOFTMAX, LossKind.SOFTMAX_CROSS_ENTROPY, 0.01);

    /**
     * @return bytes per call of {@code step} (given its index) after {@code warm} calls: the least over up to three
     *     windows of {@code measured} calls. An allocation every step shows in every window; a one-off one (the JIT
     *     recompiling a method whose allocations it had scalar-replaced, which the interpreter then makes for real
     *     until the new code is in) only in one, and is not the step's
     */
    private static long bytesPerStep(String what, IntConsumer step, int warm, int measured) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warm; i++) {
            step.accept(i);
        }
        long perStep = Long.MAX_VALUE;
        StringBuilder windows = new StringBuilder();
        for (int w = 0; w < 3 && perStep > 0; w++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < measured; i++) {
                step.accept(warm + w * measured + i);
            }
            long bytes = (mx.getCurrentThreadAllocatedBytes() - before) / measured;
            windows.append(w == 0 ? "" : ", ").append(bytes);
            perStep = Math.min(perStep, bytes);
        }
        System.out.println("steady-state " + what + " allocates " + perStep + " bytes (windows: " + windows + ")");
        assertTrue(perStep < 16, what + ": a warm step allocated " + perStep + " bytes in every window (" + windows
                + ")");
        return perStep;
    }

    private static TrainingStep step(Network net, DType dtype) {
        TrainingStep step = new TrainingStep(net, Optimizers.create("adam", 1e-3), dtype);
        assertEquals(dtype, step.dtype());
        return step;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void trainingStep_allocatesNothingOnceWarm(DType dtype) {
        Network net = new Network(SPIRALS);
        TrainingStep step = step(net, dtype);
        ParameterStore store = Initializer.HE.initialize(net, new ParameterStore(), 1);
        Dataset d = Datasets.spirals(3, 40, 1);
        Map<String, DMatrixRMaj> feeds = Map.of("X", d.x(), "Y", d.targets(3));
        bytesPerStep(dtype.label() + " training step", i -> {
            step.run(feeds, store, Checks.SHAPES);
            step.run(feeds, store);
        }, 6_000, 2_000);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void convolutionalStep_allocatesNothingOnceWarm(DType dtype) {
        // big enough that im2col, the channel moves, pooling and col2im split over the pool
        NetworkSpec spec = NetworkSpec.parse("12x12x2, conv3x3x4 pad1, maxpool2, conv3x3x6 same, avgpool2, 5",
                Activation.RELU, Activation.SOFTMAX, null, 0);
        Network net = new Network(spec);
        TrainingStep step = step(net, dtype);
        ParameterStore store = Initializer.HE.initialize(net, new ParameterStore(), 1);
        java.util.Random r = new java.util.Random(3);
        DMatrixRMaj x = new DMatrixRMaj(288, 70);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = r.nextGaussian();
        }
        DMatrixRMaj y = new DMatrixRMaj(5, 70);
        for (int j = 0; j < 70; j++) {
            y.set(r.nextInt(5), j, 1);
        }
        Map<String, DMatrixRMaj> feeds = Map.of("X", x, "Y", y);
        bytesPerStep(dtype.label() + " convolutional step", i -> step.run(feeds, store, Checks.SHAPES), 400, 200);
    }

    @Test
    void float32Step_fedFloat32Data_allocatesNothingOnceWarm() {
        Network net = new Network(SPIRALS.withDropout(0.1));
        TrainingStep step = step(net, DType.F32);
        ParameterStore store = Initializer.HE.initialize(net, new ParameterStore(), 1);
        Dataset d = Datasets.spirals(3, 40, 1);
        Map<String, FMatrixRMaj> feeds = Map.of("X", Precision.toFloat(d.x()), "Y", Precision.toFloat(d.targets(3)));
        bytesPerStep("f32 training step fed float32 data",
                i -> step.run(feeds, store, Checks.SHAPES, 0, DropoutMasks.key(1, i, 1)), 6_000, 2_000);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void batchNormDropoutAndClippingStep_allocatesNothingOnceWarm(DType dtype) {
        NetworkSpec spec = new NetworkSpec(new int[] {2, 16, 8, 3}, Activation.GELU, Activation.SOFTMAX,
                LossKind.SOFTMAX_CROSS_ENTROPY, 0.01).withBatchNorm(true).withDropout(0.2);
        Network net = new Network(spec);
        TrainingStep step = step(net, dtype);
        ParameterStore store = Initializer.HE.initialize(net, new ParameterStore(), 1);
        Dataset d = Datasets.spirals(3, 100, 1); // 300 samples: a batch size the Integer cache does not hold
        Map<String, DMatrixRMaj> feeds = Map.of("X", d.x(), "Y", d.targets(3));
        bytesPerStep(dtype.label() + " batch-norm + dropout + clipping step",
                i -> step.run(feeds, store, Checks.SHAPES, 0.5, DropoutMasks.key(1, i, 1)), 4_000, 1_000);
    }

    /**
     * An LSTM unrolled over 60 steps in the graph, stateful and clipped by value, through the sequence trainer (a
     * 200-step one is compiled first, and its time printed).
     */
    @ParameterizedTest
    @EnumSource(DType.class)
    void sequenceStep_allocatesNothingOnceWarm(DType dtype) {
        NetworkSpec spec = NetworkSpec.parse("6, lstm8, 6 softmax", Activation.TANH, null,
                LossKind.SOFTMAX_CROSS_ENTROPY, 0);
        ParameterStore store = Initializer.XAVIER.initialize(new Network(spec, Sequence.tokens(1)),
                new ParameterStore(), 1);
        SequenceTrainer trainer = new SequenceTrainer(spec, Sequence.tokens(1).withMask(true),
                Optimizers.create("adam", 1e-3), dtype);
        trainer.setStateful(true);
        trainer.setClipValue(1);
        java.util.Random r = new java.util.Random(4);
        DMatrixRMaj x = new DMatrixRMaj(60, 3);
        DMatrixRMaj y = new DMatrixRMaj(60, 3);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = r.nextInt(7) - 1;
            y.data[i] = r.nextInt(7) - 1;
        }
        long t0 = System.nanoTime();
        trainer.step(200);
        System.out.printf("a 200-step %s LSTM compiled in %.0f ms%n", dtype.label(), (System.nanoTime() - t0) / 1e6);
        bytesPerStep(dtype.label() + " 60-step sequence step", i -> trainer.train(store, x, y), 1500, 500);
    }
}
