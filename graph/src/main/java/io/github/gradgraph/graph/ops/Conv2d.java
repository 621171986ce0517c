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
 * Z = W ⊛ A (+ b): the 2-D convolution (cross-correlation) of a batch of images A, (H·W·C_in) × m channels-last, by
 * the filter bank W, C_out × (f·f·C_in), with an optional per-filter bias b, C_out × 1; Z is (P·C_out) × m. Its
 * gradients are primitives too, linear in each operand: ∂/∂A = {@link Conv2dInputGrad conv2dᵀ}(G, W),
 * ∂/∂W = {@link Conv2dFilterGrad conv2d_dW}(A, G), ∂/∂b = {@link ChannelSum channel_sum}(G).
 *
 * @param geometry the input images and the filter's window
 * @param biased   whether a bias is the third operand
 */
public record Conv2d(ConvGeometry geometry, boolean biased) implements Float32Primitive {
    @Override
    public String name() {
        return "conv2d";
    }

    @Override
    public int arity() {
        return biased ? 3 : 2;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        Node a = inputs.get(0);
        Node w = inputs.get(1);
        ImageShapes.checkImages("conv2d", a, geometry);
        int filters = ImageShapes.checkFilters("conv2d", w, a, geometry);
        if (biased) {
            Node b = inputs.get(2);
            if (!b.shape().equals(Shape.of(filters, 1))) {
                throw new ShapeException("conv2d " + b.describe() + ": " + filters + " filters need a bias of "
                        + filters + "×1");
            }
        }
        return new Shape(Dim.of(geometry.positions() * filters), a.shape().cols());
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        Convolutions.conv(geometry, in[0], in[1], biased ? in[2] : null, out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatConvolutions.conv(geometry, in[0], in[1], biased ? in[2] : null, out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        Node a = out.input(0);
        Node w = out.input(1);
        Node da = ImageOps.conv2dInputGrad(g, w, geometry);
        Node dw = ImageOps.conv2dFilterGrad(a, g, geometry);
        return biased ? new Node[] {da, dw, ImageOps.channelSum(g, w.shape().rows().size())}
                : new Node[] {da, dw};
    }
}
