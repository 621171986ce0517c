package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Primitive;
import java.util.List;

/** A primitive that reduces its one operand along {@link #axis()} (see {@link Axes}). */
interface AxisReduction extends Primitive {
    /** @return −1 (every element), 0 (over rows) or 1 (over columns) */
    int axis();

    @Override
    default int arity() {
        return 1;
    }

    @Override
    default Shape inferShape(List<Node> inputs) {
        return Axes.reduce(inputs.get(0).shape(), axis());
    }
}
