package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.optim.Optimizers;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A steady-state training step allocates nothing: bytes, counted by the JVM for this thread, not time. The products
 * here are small enough that the BLAS takes no packing buffers (large ones do, inside the library; see
 * docs/decisions/0003). Both dtypes: a float32 step narrows the float64 parameters into its own float buffers and
 * widens the gradients back, in place.
 */
class SteadyStateAllocationTest {
    @ParameterizedTest
    @EnumSource(DType.class)
    void trainingStep_allocatesNothingOnceWarm(DType dtype) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Network net = new Network(new NetworkSpec(new int[] {2, 16, 8, 3}, Activation.RELU, Activation.SOFTMAX,
                LossKind.SOFTMAX_CROSS_ENTROPY, 0.01));
        ParameterStore store = Initializer.HE.initialize(net, new ParameterStore(), 1);
        Dataset d = Datasets.spirals(3, 40, 1);
        Map<String, DMatrixRMaj> feeds = Map.of("X", d.x(), "Y", d.targets(3));
        TrainingStep step = new TrainingStep(net, Optimizers.create("adam", 1e-3), dtype);
        for (int i = 0; i < 6_000; i++) {
            step.run(feeds, store, Checks.SHAPES);
            step.run(feeds, store);
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 2_000; i++) {
            step.run(feeds, store, Checks.SHAPES);
            step.run(feeds, store);
        }
        long perStep = (mx.getCurrentThreadAllocatedBytes() - before) / 4_000;
        assertTrue(step.dtype() == dtype, "the step computes in " + step.dtype());
        System.out.println("steady-state " + dtype.label() + " training step allocates " + perStep + " bytes");
        assertTrue(perStep < 16, "a warm step allocated " + perStep + " bytes");
    }

    @org.junit.jupiter.api.Test
    void float32Step_fedFloat32Data_allocatesNothingOnceWarm() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Network net = new Network(new NetworkSpec(new int[] {2, 16, 8, 3}, Activation.RELU, Activation.SOFTMAX,
                LossKind.SOFTMAX_CROSS_ENTROPY, 0.01).withDropout(0.1));
        ParameterStore store = Initializer.HE.initialize(net, new ParameterStore(), 1);
        Dataset d = Datasets.spirals(3, 40, 1);
        Map<String, org.ejml.data.FMatrixRMaj> feeds = Map.of("X", io.github.gradgraph.core.Precision.toFloat(d.x()),
                "Y", io.github.gradgraph.core.Precision.toFloat(d.targets(3)));
        TrainingStep step = new TrainingStep(net, Optimizers.create("adam", 1e-3), DType.F32);
        for (int i = 0; i < 6_000; i++) {
            step.run(feeds, store, Checks.SHAPES, 0, DropoutMasks.key(1, i, 1));
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 2_000; i++) {
            step.run(feeds, store, Checks.SHAPES, 0, DropoutMasks.key(1, i, 2));
        }
        long perStep = (mx.getCurrentThreadAllocatedBytes() - before) / 2_000;
        System.out.println("steady-state f32 training step fed float32 data allocates " + perStep + " bytes");
        assertTrue(perStep < 16, "a warm step allocated " + perStep + " bytes");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void batchNormDropoutAndClippingStep_allocatesNothingOnceWarm(DType dtype) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Network net = new Network(new NetworkSpec(new int[] {2, 16, 8, 3}, Activation.GELU, Activation.SOFTMAX,
                LossKind.SOFTMAX_CROSS_ENTROPY, 0.01).withBatchNorm(true).withDropout(0.2));
        ParameterStore store = Initializer.HE.initialize(net, new ParameterStore(), 1);
        Dataset d = Datasets.spirals(3, 100, 1); // 300 samples: a batch size the Integer cache does not hold
        Map<String, DMatrixRMaj> feeds = Map.of("X", d.x(), "Y", d.targets(3));
        TrainingStep step = new TrainingStep(net, Optimizers.create("adam", 1e-3), dtype);
        for (int i = 0; i < 4_000; i++) {
            step.run(feeds, store, Checks.SHAPES, 0.5, DropoutMasks.key(1, i, 1));
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000; i++) {
            step.run(feeds, store, Checks.SHAPES, 0.5, DropoutMasks.key(1, i, 2));
        }
        long perStep = (mx.getCurrentThreadAllocatedBytes() - before) / 1_000;
        assertTrue(step.dtype() == dtype, "the step computes in " + step.dtype());
        System.out.println("steady-state " + dtype.label() + " batch-norm + dropout + clipping step allocates "
                + perStep + " bytes");
        assertTrue(perStep < 16, "a warm step allocated " + perStep + " bytes");
    }
}
