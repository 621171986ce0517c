package io.github.gradgraph.graph.exec;

import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.core.DType;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * The outputs of one run of a {@link Program}. {@link #get} returns a view of the program's buffer, valid until the
 * program runs again; {@link #copy} returns a copy that stays. A float32 program's outputs read as float64 too
 * (widened exactly, each run); {@link #getFloat} reads the float32 value itself.
 */
public final class Values {
    private final Program program;
    private final DMatrixRMaj[] slots;
    private final FMatrixRMaj[] floats;
    private final int batchSize;

    Values(Program program, DMatrixRMaj[] slots, FMatrixRMaj[] floats, int batchSize) {
        this.program = program;
        this.slots = slots;
        this.floats = floats;
        this.batchSize = batchSize;
    }

    /**
     * @param output one of the program's outputs
     * @return its value, a view valid until the next run; do not modify
     */
    public DMatrixRMaj get(Node output) {
        return slots[program.indexOf(output)];
    }

    /**
     * @param output one of the program's outputs
     * @return its float32 value, a view valid until the next run; do not modify
     * @throws GraphException when the program computes in float64
     */
    public FMatrixRMaj getFloat(Node output) {
        if (floats == null) {
            throw new GraphException("getFloat: this program computes in f64; read it with get, or compile it for "
                    + "DType.F32");
        }
        return floats[program.indexOf(output)];
    }

    /** @return the dtype the program computed in */
    public DType dtype() {
        return floats == null ? DType.F64 : DType.F32;
    }

    /** @return a copy of an output's value */
    public DMatrixRMaj copy(Node output) {
        return get(output).copy();
    }

    /** @return the single element of a 1×1 output */
    public double scalar(Node output) {
        DMatrixRMaj v = get(output);
        if (v.numRows != 1 || v.numCols != 1) {
            throw new GraphException(output.describe() + " is not 1×1");
        }
        return v.data[0];
    }

    /** @return the batch size m this run was bound to (1 when no shape holds m) */
    public int batchSize() {
        return batchSize;
    }
}
