package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.core.FloatPooling;
import io.github.gradgraph.core.Pooling;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ShapeException;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * maxpool_at(A, X): X read where A has each window's first maximum, (H·W·C) × m → (P·C) × m — the adjoint of {@link
 * MaxPoolScatter} in its gradient, met in second-order passes. Linear in X (∂/∂X = maxpoolᵀ(A, H)); piecewise
 * constant in A.
 *
 * @param geometry the images and the pooling window
 */
public record MaxPoolGather(ConvGeometry geometry) implements Float32Primitive {
    @Override
    public String name() {
        return "maxpool_at";
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        Node a = inputs.get(0);
        Node x = inputs.get(1);
        Shape pooled = ImageOps.pooledShape("maxpool_at", a, geometry);
        if (!x.shape().equals(a.shape())) {
            throw new ShapeException("maxpool_at " + x.describe() + ": reads where " + a.describe()
                    + " has its maxima, so needs its shape");
        }
        return pooled;
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        Pooling.maxPoolGather(geometry, in[0], in[1], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatPooling.maxPoolGather(geometry, in[0], in[1], out);
    }

    @Override
    public Node[] vjp(Node out, Node h) {
        return new Node[] {null, ImageOps.maxPoolScatter(out.input(0), h, geometry)};
    }

    @Override
    public long branch(DMatrixRMaj[] in) {
        return Pooling.maxPoolBranch(geometry, in[0]);
    }

    @Override
    public boolean piecewise() {
        return true;
    }
}
