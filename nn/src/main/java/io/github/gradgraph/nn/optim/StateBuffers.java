package io.github.gradgraph.nn.optim;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** One zero-initialized state array per parameter index, made on first use. */
final class StateBuffers {
    private final List<double[]> buffers = new ArrayList<>();

    double[] get(int index, DMatrixRMaj param) {
        while (buffers.size() <= index) {
            buffers.add(null);
        }
        double[] b = buffers.get(index);
        if (b == null || b.length != param.getNumElements()) {
            b = new double[param.getNumElements()];
            buffers.set(index, b);
        }
        return b;
    }

    /** @return every buffer, null where none was made yet: a live view, which {@link OptimizerState} copies */
    List<double[]> snapshot() {
        return java.util.Collections.unmodifiableList(buffers);
    }

    /** Replaces every buffer by a copy of {@code saved}. */
    void restore(List<double[]> saved) {
        buffers.clear();
        if (saved != null) {
            for (double[] a : saved) {
                buffers.add(a == null ? null : a.clone());
            }
        }
    }
}
