package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Float32Primitive;
import java.util.List;

/** A primitive applied to each element of one operand: the output has the operand's shape. */
interface ElementwiseUnary extends Float32Primitive {
    @Override
    default int arity() {
        return 1;
    }

    @Override
    default Shape inferShape(List<Node> inputs) {
        return inputs.get(0).shape();
    }
}
