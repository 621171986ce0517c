package io.github.gradgraph.graph.exec;

import io.github.gradgraph.graph.Constant;
import io.github.gradgraph.graph.Input;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The buffers of one program at one batch size, planned by liveness: a step's buffer returns to a free pool after
 * the last step that reads it, and later steps reuse pooled storage of sufficient length. Outputs are never reused.
 * A step's buffer is taken before its operands are released, so a kernel never writes over its own input.
 */
final class BufferPlan {
    private final DMatrixRMaj[] slots;
    private final DMatrixRMaj[][] arguments;
    private final int batch;
    private Values values;
    private long bytes;

    BufferPlan(Node[] steps, int[][] args, boolean[] isOutput, int m) {
        this.batch = m;
        int n = steps.length;
        int[] lastUse = new int[n];
        for (int i = 0; i < n; i++) {
            lastUse[i] = isOutput[i] ? Integer.MAX_VALUE : i;
            for (int a : args[i]) {
                lastUse[a] = Math.max(lastUse[a], i);
            }
        }
        for (int i = 0; i < n; i++) {
            if (isOutput[i]) {
                lastUse[i] = Integer.MAX_VALUE;
            }
        }
        slots = new DMatrixRMaj[n];
        arguments = new DMatrixRMaj[n][];
        List<double[]> free = new ArrayList<>();
        List<List<Integer>> releaseAt = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            releaseAt.add(new ArrayList<>(1));
        }
        for (int i = 0; i < n; i++) {
            arguments[i] = new DMatrixRMaj[args[i].length];
            if (!isLeaf(steps[i])) {
                int rows = steps[i].shape().rows(m);
                int cols = steps[i].shape().cols(m);
                double[] storage = take(free, rows * cols);
                slots[i] = DMatrixRMaj.wrap(rows, cols, storage);
                if (lastUse[i] != Integer.MAX_VALUE) {
                    releaseAt.get(lastUse[i]).add(i);
                }
            }
            for (int dead : releaseAt.get(i)) {
                free.add(slots[dead].data);
            }
        }
    }

    private static boolean isLeaf(Node node) {
        return node.op() instanceof Input || node.op() instanceof Parameter || node.op() instanceof Constant;
    }

    private double[] take(List<double[]> free, int length) {
        int best = -1;
        for (int k = 0; k < free.size(); k++) {
            int len = free.get(k).length;
            if (len >= length && (best < 0 || len < free.get(best).length)) {
                best = k;
            }
        }
        if (best >= 0) {
            return free.remove(best);
        }
        bytes += 8L * length;
        return new double[length];
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
            values = new Values(program, slots, batch);
        }
        return values;
    }

    /** @return bytes of storage allocated by this plan */
    long bytes() {
        return bytes;
    }
}
