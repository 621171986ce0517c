package io.github.gradgraph.nn;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Program;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.rewrite.Rewriter;
import io.github.gradgraph.nn.data.Dataset;
import java.util.List;
import java.util.Map;
import io.github.gradgraph.graph.exec.Checks;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.Matrix;

/**
 * J and accuracy of a {@link Network} on a data set: the inference pass only (running statistics, no dropout), with
 * the training step's rewrites.
 */
public final class Evaluator {
    private final Network net;
    private final Node loss;
    private final Node output;
    private final Program program;

    /** Compiles the forward pass of {@code net}'s J and A[L], in float64. */
    public Evaluator(Network net) {
        this(net, DType.F64);
    }

    /** Compiles the forward pass of {@code net}'s J and A[L], computing in {@code dtype}. */
    public Evaluator(Network net, DType dtype) {
        this.net = net;
        List<Node> forward = Rewriter.standard().session().rewrite(List.of(net.inferenceLoss(), net.inferenceOutput()))
                .outputs();
        this.loss = forward.get(0);
        this.output = forward.get(1);
        this.program = Compiler.compileAsWritten(forward, dtype);
    }

    /**
     * J and accuracy.
     *
     * @param store parameter values; not modified
     * @param data  the samples; {@code y} its targets as {@link Dataset#targets} gives them for this network
     */
    public Result evaluate(ParameterStore store, Dataset data, DMatrixRMaj y) {
        Values v = program.run(Map.of("X", data.x(), "Y", y), store);
        return new Result(v.scalar(loss), Metrics.accuracy(v.get(output), data.labels()));
    }

    /**
     * J and accuracy of samples the caller has checked (finite, the network's shapes): X and Y as float64 or, for a
     * float32 evaluator, already in float32, so that an evaluation every epoch neither scans nor rounds them again.
     *
     * @param labels each sample's class
     */
    public Result evaluate(ParameterStore store, Matrix x, Matrix y, int[] labels) {
        Values v = program.run(Map.of("X", x, "Y", y), store, Checks.SHAPES);
        return new Result(v.scalar(loss), Metrics.accuracy(v.get(output), labels));
    }

    /** @return the dtype the evaluation computes in */
    public DType dtype() {
        return program.dtype();
    }

    /** @return the targets of {@code data} for this network's outputs */
    public DMatrixRMaj targets(Dataset data) {
        return data.targets(net.spec().outputs());
    }

    /**
     * @param loss     J
     * @param accuracy the fraction classified right
     */
    public record Result(double loss, double accuracy) {
    }
}
