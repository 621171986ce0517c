package io.github.gradgraph.graph;

import io.github.gradgraph.core.Shape;

/**
 * A value fed at each run under its name, such as the data X (n[0]×m) and the labels Y.
 *
 * @param label the feed name, unique among the graph's inputs and parameters
 * @param shape the shape, usually with the batch dimension m as columns
 */
public record Input(String label, Shape shape) implements Leaf {
    @Override
    public String name() {
        return "input";
    }
}
