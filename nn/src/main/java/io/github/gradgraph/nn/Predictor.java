package io.github.gradgraph.nn;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Program;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Runs only the forward pass of a {@link Network} in inference (running statistics, no dropout): A[L] from X, for any
 * number of samples.
 */
public final class Predictor {
    private final Network net;
    private final Program program;

    /** Compiles the forward pass of {@code net}, in float64. */
    public Predictor(Network net) {
        this(net, DType.F64);
    }

    /** Compiles the forward pass of {@code net}, computing in {@code dtype}. */
    public Predictor(Network net, DType dtype) {
        this.net = net;
        this.program = Compiler.compile(java.util.List.of(net.inferenceOutput()), dtype);
    }

    /** @return the dtype the forward pass computes in */
    public DType dtype() {
        return program.dtype();
    }

    /**
     * @param store parameter values; not modified
     * @param x     n[0]×m features; not modified
     * @return a copy of A[L], n[L]×m
     */
    public DMatrixRMaj predict(ParameterStore store, DMatrixRMaj x) {
        return program.run(Map.of("X", x), store).copy(net.inferenceOutput());
    }
}
