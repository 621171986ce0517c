package io.github.gradgraph.graph;

import io.github.gradgraph.core.Shape;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A node kind with no operands whose value is bound rather than computed: an {@link Input} fed per run, a {@link
 * Parameter} read from the parameter store, or a {@link Constant}. The executor binds leaves; their kernel is never
 * called.
 */
public interface Leaf extends Primitive {
    /** @return the leaf's shape */
    Shape shape();

    @Override
    default int arity() {
        return 0;
    }

    @Override
    default Shape inferShape(List<Node> inputs) {
        return shape();
    }

    @Override
    default void forward(DMatrixRMaj[] inputs, DMatrixRMaj out) {
        throw new IllegalStateException(name() + " is a leaf: its value is bound, not computed");
    }

    @Override
    default Node[] vjp(Node out, Node grad) {
        return new Node[0];
    }
}
