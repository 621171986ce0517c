package io.github.gradgraph.graph;

import org.ejml.data.FMatrixRMaj;

/**
 * A {@link Primitive} with a float32 kernel of its own, run by programs compiled for {@link
 * io.github.gradgraph.core.DType#F32}. Every gradgraph primitive is one. A primitive of yours need not be: a float32
 * program runs its float64 {@link #forward(org.ejml.data.DMatrixRMaj[], org.ejml.data.DMatrixRMaj) forward} on
 * widened copies of its operands (exact) and rounds the result once — right, and free of allocation after the first
 * run, but it moves three times the memory; implement this interface when the primitive is on a hot path.
 */
public interface Float32Primitive extends Primitive {
    /**
     * The float32 kernel: the same function as the float64 one, rounded to float. Accumulations over many terms
     * should accumulate in float64 and round once (as gradgraph's sums do).
     *
     * @param inputs the input values, in order, with the batch dimension bound. Not modified.
     * @param out    Modified. Already has the output shape; never one of the inputs.
     */
    void forward(FMatrixRMaj[] inputs, FMatrixRMaj out);
}
