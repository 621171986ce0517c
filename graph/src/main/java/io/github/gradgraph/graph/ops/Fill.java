package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * A matrix of one repeated value, of a shape that may hold the batch dimension m: the explicit zero gradient of a
 * variable J does not depend on, and the seed ∂J/∂J = 1.
 *
 * @param shape the shape
 * @param value the value of every element
 */
public record Fill(Shape shape, double value) implements Float32Primitive {
    @Override
    public String name() {
        return value == 0.0 ? "zeros" : value == 1.0 ? "ones" : "fill";
    }

    @Override
    public int arity() {
        return 0;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        return shape;
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        out.fill(value);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        out.fill((float) value);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[0];
    }
}
