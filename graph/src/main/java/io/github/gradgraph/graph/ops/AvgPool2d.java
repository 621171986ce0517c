package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.core.FloatPooling;
import io.github.gradgraph.core.Pooling;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * The mean of each window's cells inside the image, per channel: (H·W·C) × m → (P·C) × m. Linear: its gradient
 * spreads each window's gradient evenly back ({@link AvgPoolGrad avgpoolᵀ}).
 *
 * @param geometry the images and the pooling window
 */
public record AvgPool2d(ConvGeometry geometry) implements Float32Primitive {
    @Override
    public String name() {
        return "avgpool";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        return ImageOps.pooledShape("avgpool", inputs.get(0), geometry);
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        Pooling.avgPool(geometry, in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatPooling.avgPool(geometry, in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {ImageOps.avgPoolGrad(g, geometry)};
    }
}
