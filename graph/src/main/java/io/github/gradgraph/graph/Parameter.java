package io.github.gradgraph.graph;

import io.github.gradgraph.core.Shape;

/**
 * A trainable value read from a {@link ParameterStore} at each run, such as W[l] (n[l]×n[l-1]) and b[l] (n[l]×1).
 * Its shape is fixed: a parameter cannot depend on the batch size.
 *
 * @param label the store key, unique among the graph's inputs and parameters
 * @param shape the fixed shape
 */
public record Parameter(String label, Shape shape) implements Leaf {
    @Override
    public String name() {
        return "parameter";
    }
}
