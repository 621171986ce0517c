package io.github.gradgraph.graph.exec;

import io.github.gradgraph.core.Precision;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.data.Matrix;

/** A run's feeds, which a float32 program may be given in float32 as well as float64. */
final class Feeds {
    private Feeds() {
    }

    /**
     * @return the feeds as float64, float32 ones widened exactly into copies: for the diagnosis of a failed run, which
     *     recomputes the graph from them
     */
    static Map<String, DMatrixRMaj> widened(Map<String, ? extends Matrix> feeds) {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        feeds.forEach((name, value) -> out.put(name, value instanceof FMatrixRMaj f ? Precision.toDouble(f)
                : (DMatrixRMaj) value));
        return out;
    }
}
