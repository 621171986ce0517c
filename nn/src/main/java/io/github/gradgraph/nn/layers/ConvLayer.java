package io.github.gradgraph.nn.layers;

import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.ImageOps;
import io.github.gradgraph.nn.Activation;

/**
 * A convolutional layer l of {@code filters} f×f filters: Z[l] = W[l] ⊛ A[l−1] + b[l] (cross-correlation), with
 * W[l] of filters × (f·f·C) — row c holds filter c, column ((p·f) + q)·C + k its tap (p, q) on channel k, numpy's
 * {@code W.reshape(f*f*C, filters).T} of the course's (f, f, C, filters) array — and b[l] of filters × 1; then
 * A[l] = g[l](Z[l]), an image of outHeight × outWidth × filters. Written {@code conv5x5x6} (f × f × filters),
 * followed by {@code pad2}, {@code same} (TensorFlow's and Keras's padding, the odd pixel bottom/right) or nothing
 * (no padding), {@code stride2} or nothing (stride 1), and optionally its activation; without one it takes the
 * network's hidden activation.
 *
 * @param filter     f, the filters' side
 * @param filters    the number of filters: the output's channels
 * @param stride     how far the filter moves
 * @param pad        the zero padding on every side, or {@link #SAME}
 * @param activation g[l], or null while the network's default is still to be chosen
 */
public record ConvLayer(int filter, int filters, int stride, int pad, Activation activation) implements Layer {
    /** The {@code pad} of {@code same} padding. */
    public static final int SAME = -1;

    public ConvLayer {
        if (filter < 1 || filters < 1) {
            throw new IllegalArgumentException("a convolution needs a filter side and a number of filters of at "
                    + "least 1, got " + filter + "×" + filter + "×" + filters);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("a stride is at least 1, got " + stride);
        }
        if (pad < SAME) {
            throw new IllegalArgumentException("padding cannot be negative, got " + pad);
        }
    }

    /** @return this layer with activation {@code g} */
    public ConvLayer withActivation(Activation g) {
        return new ConvLayer(filter, filters, stride, pad, g);
    }

    @Override
    public String text() {
        StringBuilder s = new StringBuilder("conv").append(filter).append('x').append(filter).append('x')
                .append(filters);
        if (pad == SAME) {
            s.append(" same");
        } else if (pad > 0) {
            s.append(" pad").append(pad);
        }
        if (stride != 1) {
            s.append(" stride").append(stride);
        }
        if (activation != null) {
            s.append(' ').append(activation.cliName());
        }
        return s.toString();
    }

    /**
     * @param in the image the layer reads
     * @return where the filters slide over it
     * @throws IllegalArgumentException when {@code in} is not an image or the filter does not fit
     */
    public ConvGeometry geometry(Features in) {
        return PoolLayer.geometry("a convolution", in, filter, stride, pad);
    }

    @Override
    public Features output(Features in) {
        ConvGeometry g = geometry(in);
        return Features.image(g.outHeight(), g.outWidth(), filters);
    }

    @Override
    public double flops(Features in) {
        ConvGeometry g = geometry(in);
        return 2.0 * g.positions() * filters * g.patch();
    }

    @Override
    public boolean numbered() {
        return true;
    }

    @Override
    public Activation outputActivation(Activation in) {
        return activation;
    }

    @Override
    public Built build(LayerContext c) {
        if (activation == null) {
            throw new IllegalStateException("layer '" + text() + "' has no activation yet");
        }
        int l = c.number();
        ConvGeometry g = geometry(c.in());
        Node w = c.weight("W" + l, filters, g.patch());
        Node b = c.next() != null && c.next().replacesBias() ? null : c.bias("b" + l, filters);
        Features out = c.out();
        return (in, mode) -> {
            Node z = ImageOps.conv2d(in.a(), w, b, g).named("Z" + l);
            in.recorder().z(l, z);
            return in.numbered(z, l, activation, out);
        };
    }
}
