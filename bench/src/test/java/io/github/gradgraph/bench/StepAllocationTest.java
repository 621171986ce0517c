package io.github.gradgraph.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.core.MatMul;
import io.github.gradgraph.core.Precision;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.TrainingStep;
import io.github.gradgraph.nn.optim.GradientDescent;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.Matrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A warm training step of each benchmark workload allocates nothing — on the calling thread and on the worker
 * threads that split its products and passes, inside the native GEMM included — in float64 and in float32. Bytes
 * counted by the JVM per thread, not time.
 */
class StepAllocationTest {
    @ParameterizedTest
    @CsvSource({"planar, f64", "cat, f64", "mnist, f64", "planar, f32", "cat, f32", "mnist, f32"})
    void warmStep_allocatesNothing_onAnyThread(String name, String dtypeName) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Workload w = Workload.of(name);
        Network net = new Network(w.spec());
        ParameterStore store = w.parameters(net, 1);
        DType dtype = DType.parse(dtypeName);
        Map<String, DMatrixRMaj> wide = w.data(2);
        // a float32 step fed float32 data, as the Trainer feeds it
        Map<String, ? extends Matrix> feeds = dtype == DType.F64 ? wide : Map.of("X",
                Precision.toFloat(wide.get("X")), "Y", Precision.toFloat(wide.get("Y")));
        TrainingStep step = new TrainingStep(net, new GradientDescent(Workload.LR), dtype);
        int warm = name.equals("planar") ? 20_000 : 150;
        int measured = name.equals("planar") ? 5_000 : 60;
        for (int i = 0; i < warm; i++) {
            step.run(feeds, store, Checks.SHAPES);
        }
        long[] workers = workerIds();
        // the least of three windows: a JIT recompilation inside one (whose interpreted frames allocate what the
        // compiled code does not) shows in that window only, an allocation of the step itself in all three
        long perStep = Long.MAX_VALUE;
        for (int window = 0; window < 3; window++) {
            long before = allocated(mx, workers);
            for (int i = 0; i < measured; i++) {
                step.run(feeds, store, Checks.SHAPES);
            }
            perStep = Math.min(perStep, (allocated(mx, workers) - before) / measured);
        }
        String backend = MatMul.backend().name();
        System.out.println(name + " " + dtype + ": a warm step allocates " + perStep + " bytes on " + backend);
        // netlib's Java dgemm takes packing buffers on every large product; the native one and gradgraph take none
        assumeTrue(name.equals("planar") || backend.contains("(native"), "large products allocate inside " + backend);
        assertTrue(perStep < 16, name + ": a warm step allocated " + perStep + " bytes");
    }

    private static long[] workerIds() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("gradgraph-worker-"))
                .mapToLong(Thread::getId).toArray();
    }

    /** @return the bytes allocated so far by this thread and gradgraph's worker threads; allocates nothing itself */
    private static long allocated(com.sun.management.ThreadMXBean mx, long[] workers) {
        long sum = mx.getCurrentThreadAllocatedBytes();
        for (long id : workers) {
            sum += mx.getThreadAllocatedBytes(id);
        }
        return sum;
    }
}
