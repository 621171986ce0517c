package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.ShapeException;
import java.util.List;

/**
 * An elementwise primitive of two operands with numpy-style broadcasting ({@link Shape#broadcast}). Its VJP returns
 * contributions of the output's shape; the engine sums them back to each operand's shape.
 */
interface BroadcastBinary extends Float32Primitive {
    /** @return the infix symbol used in messages and printing */
    String symbol();

    @Override
    default int arity() {
        return 2;
    }

    @Override
    default Shape inferShape(List<Node> inputs) {
        Node a = inputs.get(0);
        Node b = inputs.get(1);
        Shape s = Shape.broadcast(a.shape(), b.shape());
        if (s == null) {
            throw new ShapeException(name() + " " + a.describe() + " " + symbol() + " " + b.describe()
                    + ": shapes do not broadcast (each dimension must be equal or 1)");
        }
        return s;
    }
}
