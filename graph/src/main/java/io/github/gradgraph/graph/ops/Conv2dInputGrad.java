package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.core.Convolutions;
import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.FloatConvolutions;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * conv2dᵀ(G, W): Wᵀ·G folded back onto the input image — the gradient of {@link Conv2d} with respect to its images,
 * the transposed convolution. G is (P·C_out) × m, W is C_out × (f·f·C_in), the result (H·W·C_in) × m. Bilinear:
 * ∂/∂G = conv2d(H, W), ∂/∂W = conv2d_dW(H, G), so second order runs through it.
 *
 * @param geometry the images the forward convolution read, and its window
 */
public record Conv2dInputGrad(ConvGeometry geometry) implements Float32Primitive {
    @Override
    public String name() {
        return "conv2dᵀ";
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        Node g = inputs.get(0);
        Node w = inputs.get(1);
        int filters = ImageShapes.checkFilters("conv2dᵀ", w, g, geometry);
        ImageShapes.checkGradient("conv2dᵀ", g, geometry.positions() * filters, g.shape().cols(),
                geometry.outHeight() + "×" + geometry.outWidth() + "×" + filters + " outputs");
        return new Shape(Dim.of(geometry.inputRows()), g.shape().cols());
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        Convolutions.convInputGrad(geometry, in[0], in[1], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatConvolutions.convInputGrad(geometry, in[0], in[1], out);
    }

    @Override
    public Node[] vjp(Node out, Node h) {
        Node g = out.input(0);
        Node w = out.input(1);
        return new Node[] {ImageOps.conv2d(h, w, null, geometry), ImageOps.conv2dFilterGrad(h, g, geometry)};
    }
}
