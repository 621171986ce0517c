package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.CallSite;
import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Primitive;

/**
 * Convolution and pooling as functions on nodes, over image batches laid out one column per image, channels-last:
 * (H·W·C) × m with row ((h·W) + w)·C + c (numpy's {@code A.reshape(m, -1).T} of an (m, H, W, C) array). A filter bank
 * is C_out × (f·f·C_in), column ((p·f) + q)·C_in + k ({@code W.reshape(f*f*C_in, C_out).T} of an (f, f, C_in, C_out)
 * array), so Z = W ⊛ A keeps the seed's W[l] shape of outputs × inputs.
 *
 * <pre>{@code
 * ConvGeometry g = ConvGeometry.of(28, 28, 1, 5, 1, 2);      // 28×28×1 images, 5×5 filters, stride 1, pad 2
 * Node Z1 = conv2d(X, W1, b1, g);                             // W1: 6×25, b1: 6×1 → Z1: (28·28·6)×m
 * Node P1 = maxPool(relu(Z1), ConvGeometry.of(28, 28, 6, 2, 2, 0));
 * }</pre>
 */
public final class ImageOps {
    private ImageOps() {
    }

    /**
     * @param b the per-filter bias, C_out × 1, or null for none
     * @return W ⊛ A (+ b): the convolution of the images A by the filters W
     */
    public static Node conv2d(Node a, Node w, Node b, ConvGeometry geometry) {
        return b == null ? apply(new Conv2d(geometry, false), a, w) : apply(new Conv2d(geometry, true), a, w, b);
    }

    /** @return conv2dᵀ(G, W): the convolution's gradient with respect to its images, the transposed convolution */
    public static Node conv2dInputGrad(Node g, Node w, ConvGeometry geometry) {
        return apply(new Conv2dInputGrad(geometry), g, w);
    }

    /** @return conv2d_dW(A, G): the convolution's gradient with respect to its filters */
    public static Node conv2dFilterGrad(Node a, Node g, ConvGeometry geometry) {
        return apply(new Conv2dFilterGrad(geometry), a, g);
    }

    /** @return the sum per channel of a channels-last batch with {@code channels} channels: C × 1 */
    public static Node channelSum(Node x, int channels) {
        return apply(new ChannelSum(channels), x);
    }

    /** @return a C × 1 column repeated at {@code positions} positions: (P·C) × 1 */
    public static Node channelTile(Node b, int positions) {
        return apply(new ChannelTile(positions), b);
    }

    /** @return the largest value of each window, per channel */
    public static Node maxPool(Node a, ConvGeometry geometry) {
        return apply(new MaxPool2d(geometry), a);
    }

    /** @return maxpoolᵀ(A, G): G routed to each window's first maximum in A */
    public static Node maxPoolScatter(Node a, Node g, ConvGeometry geometry) {
        return apply(new MaxPoolScatter(geometry), a, g);
    }

    /** @return maxpool_at(A, X): X read at each window's first maximum in A */
    public static Node maxPoolGather(Node a, Node x, ConvGeometry geometry) {
        return apply(new MaxPoolGather(geometry), a, x);
    }

    /** @return the mean of each window's cells inside the image, per channel */
    public static Node avgPool(Node a, ConvGeometry geometry) {
        return apply(new AvgPool2d(geometry), a);
    }

    /** @return avgpoolᵀ(G): each window's gradient spread evenly over its cells */
    public static Node avgPoolGrad(Node g, ConvGeometry geometry) {
        return apply(new AvgPoolGrad(geometry), g);
    }

    /** The pooled shape of a batch of the geometry's images, (P·C) × m, after checking that it is one. */
    static Shape pooledShape(String op, Node a, ConvGeometry geometry) {
        try {
            geometry.checkPoolable();
        } catch (IllegalArgumentException e) {
            throw new io.github.gradgraph.graph.ShapeException(op + " over " + a.describe() + ": " + e.getMessage());
        }
        ImageShapes.checkImages(op, a, geometry);
        return new Shape(Dim.of(geometry.positions() * geometry.channels()), a.shape().cols());
    }

    private static Node apply(Primitive op, Node... operands) {
        for (int i = 0; i < operands.length; i++) {
            if (operands[i] == null) {
                throw new GraphException(op.name() + ": operand " + (i + 1) + " is null (at " + CallSite.capture()
                        + ")");
            }
        }
        return operands[0].graph().apply(op, operands);
    }
}
