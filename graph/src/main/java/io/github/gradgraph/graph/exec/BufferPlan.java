package io.github.gradgraph.graph.exec;

import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;

/** The float64 buffers of one program at one batch size, laid out by {@link BufferLayout}. */
final class BufferPlan {
    private final DMatrixRMaj[] slots;
    private final DMatrixRMaj[][] arguments;
    private final int batch;
    private final long bytes;
    private Values values;

    BufferPlan(Node[] steps, int[][] args, boolean[] isOutput, int m) {
        this.batch = m;
        BufferLayout layout = new BufferLayout(steps, args, isOutput, m);
        double[][] storage = new double[layout.lengths.length][];
        for (int s = 0; s < storage.length; s++) {
            storage[s] = new double[layout.lengths[s]];
        }
        bytes = 8L * layout.elements();
        slots = new DMatrixRMaj[steps.length];
        arguments = new DMatrixRMaj[steps.length][];
        for (int i = 0; i < steps.length; i++) {
            arguments[i] = new DMatrixRMaj[args[i].length];
            if (layout.storageOf[i] >= 0) {
                slots[i] = DMatrixRMaj.wrap(steps[i].shape().rows(m), steps[i].shape().cols(m),
                        storage[layout.storageOf[i]]);
            }
        }
    }

    /** @return the value slots, one per step; leaves are bound per run */
    DMatrixRMaj[] slots() {
        return slots;
    }

    /** @return the reusable operand array of step {@code i} */
    DMatrixRMaj[] arguments(int i) {
        return arguments[i];
    }

    /** @return the one {@link Values} view of this plan's outputs, made on first use */
    Values values(Program program) {
        if (values == null) {
            values = new Values(program, slots, null, batch);
        }
        return values;
    }

    /** @return bytes of storage allocated by this plan */
    long bytes() {
        return bytes;
    }
}
