package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.core.Dim;
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
 * avgpoolᵀ(G): each window's gradient spread evenly over its cells inside the image, (P·C) × m → (H·W·C) × m — the
 * gradient of {@link AvgPool2d} and its adjoint, so its own VJP is average pooling.
 *
 * @param geometry the images and the pooling window
 */
public record AvgPoolGrad(ConvGeometry geometry) implements Float32Primitive {
    @Override
    public String name() {
        return "avgpoolᵀ";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        Node g = inputs.get(0);
        try {
            geometry.checkPoolable();
        } catch (IllegalArgumentException e) {
            throw new ShapeException("avgpoolᵀ " + g.describe() + ": " + e.getMessage());
        }
        int rows = geometry.positions() * geometry.channels();
        if (!g.shape().rows().equals(Dim.of(rows))) {
            throw new ShapeException("avgpoolᵀ " + g.describe() + ": " + geometry.outHeight() + "×"
                    + geometry.outWidth() + "×" + geometry.channels() + " pooled values need " + rows + " rows");
        }
        return new Shape(Dim.of(geometry.inputRows()), g.shape().cols());
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        Pooling.avgPoolGrad(geometry, in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatPooling.avgPoolGrad(geometry, in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node h) {
        return new Node[] {ImageOps.avgPool(h, geometry)};
    }
}
