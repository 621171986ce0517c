package io.github.gradgraph.bench;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.core.Precision;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.TrainingStep;
import io.github.gradgraph.nn.optim.GradientDescent;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step (forward, backward, gradient-descent update) of the seed network: gradgraph's compiled step with
 * derived gradients against the textbook's equations written by hand over the same kernels, in one run. Their ratio is
 * the autodiff tax; and the same step compiled for float32. Run with {@code -prof gc} for bytes allocated per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StepBenchmark {
    @Param({"planar", "cat", "mnist"})
    public String workload;

    private TrainingStep step;
    private TrainingStep step32;
    private ParameterStore store;
    private ParameterStore store32;
    private Map<String, DMatrixRMaj> feeds;
    private Map<String, FMatrixRMaj> feeds32;
    private HandWrittenStep hand;

    @Setup
    public void setUp() {
        Workload w = Workload.of(workload);
        Network net = new Network(w.spec());
        store = w.parameters(net, 1);
        store32 = store.copy();
        feeds = w.data(2);
        feeds32 = Map.of("X", Precision.toFloat(feeds.get("X")), "Y", Precision.toFloat(feeds.get("Y")));
        step = new TrainingStep(net, new GradientDescent(Workload.LR));
        step32 = new TrainingStep(net, new GradientDescent(Workload.LR), DType.F32);
        hand = HandWrittenStep.of(w, store.copy(), feeds, Workload.LR);
    }

    /** The step as the peers run it: data checked once at setup, so runs check shapes only. */
    @Benchmark
    public double gradgraph() {
        return step.loss(step.run(feeds, store, Checks.SHAPES));
    }

    /** The step with every run scanning its feeds and parameters for NaN and ∞ (the default). */
    @Benchmark
    public double gradgraphChecked() {
        return step.loss(step.run(feeds, store));
    }

    /** The float32 step, fed float32 data as the Trainer feeds it; float64 master weights. */
    @Benchmark
    public double gradgraphFloat32() {
        return step32.loss(step32.run(feeds32, store32, Checks.SHAPES));
    }

    @Benchmark
    public double handWritten() {
        return hand.step();
    }
}
