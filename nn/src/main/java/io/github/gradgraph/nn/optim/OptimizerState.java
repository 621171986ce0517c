package io.github.gradgraph.nn.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an optimizer remembers between steps, for checkpoints: its step count and its per-parameter buffers (momentum's
 * v, RMSProp's s, Adam's v and s), each buffer a list in the order of the parameters, null where a parameter has had
 * no step yet. Restoring it and continuing gives bitwise the same updates as never having stopped.
 *
 * @param optimizer the optimizer's name
 * @param steps     the number of updates made
 * @param buffers   by buffer name; copied
 */
public record OptimizerState(String optimizer, long steps, Map<String, List<double[]>> buffers) {
    public OptimizerState {
        Objects.requireNonNull(optimizer, "optimizer");
        Map<String, List<double[]>> copy = new LinkedHashMap<>();
        buffers.forEach((k, v) -> copy.put(k, copyOf(v)));
        buffers = java.util.Collections.unmodifiableMap(copy);
    }

    /** @return the state of an optimizer that has not stepped */
    public static OptimizerState fresh(String optimizer) {
        return new OptimizerState(optimizer, 0, Map.of());
    }

    static List<double[]> copyOf(List<double[]> arrays) {
        List<double[]> c = new ArrayList<>();
        for (double[] a : arrays) {
            c.add(a == null ? null : a.clone());
        }
        return java.util.Collections.unmodifiableList(c);
    }
}
