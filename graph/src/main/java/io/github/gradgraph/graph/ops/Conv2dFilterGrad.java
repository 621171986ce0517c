package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.core.Convolutions;
import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.FloatConvolutions;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ShapeException;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * conv2d_dW(A, G) = G·patches(A)ᵀ: the gradient of {@link Conv2d} with respect to its filters, summed over the batch.
 * A is (H·W·C_in) × m, G is (P·C_out) × m, the result C_out × (f·f·C_in). Bilinear: ∂/∂A = conv2dᵀ(G, H),
 * ∂/∂G = conv2d(A, H).
 *
 * @param geometry the images the forward convolution read, and its window
 */
public record Conv2dFilterGrad(ConvGeometry geometry) implements Float32Primitive {
    @Override
    public String name() {
        return "conv2d_dW";
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        Node a = inputs.get(0);
        Node g = inputs.get(1);
        ImageShapes.checkImages("conv2d_dW", a, geometry);
        Dim rows = g.shape().rows();
        int positions = geometry.positions();
        if (rows.isSymbolic() || rows.size() % positions != 0) {
            throw new ShapeException("conv2d_dW " + g.describe() + ": " + geometry.outHeight() + "×"
                    + geometry.outWidth() + " outputs need a multiple of " + positions + " rows");
        }
        if (!g.shape().cols().equals(a.shape().cols())) {
            throw new ShapeException("conv2d_dW " + g.describe() + " against " + a.describe()
                    + ": different batch sizes");
        }
        return Shape.of(rows.size() / positions, geometry.patch());
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        Convolutions.convFilterGrad(geometry, in[0], in[1], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatConvolutions.convFilterGrad(geometry, in[0], in[1], out);
    }

    @Override
    public Node[] vjp(Node out, Node h) {
        Node a = out.input(0);
        Node g = out.input(1);
        return new Node[] {ImageOps.conv2dInputGrad(g, h, geometry), ImageOps.conv2d(a, h, null, geometry)};
    }
}
