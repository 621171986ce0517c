package io.github.gradgraph.nn.layers;

import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.ImageOps;

/**
 * Max or average pooling of each channel over f×f windows: P[l] = maxpool(A[l]) (or avgpool), named after the layer
 * l it follows, as the course's P1, P2. Written {@code maxpool2} or {@code avgpool2} (window f, stride f), followed by
 * {@code same} (TensorFlow's and Keras's padding: ⌈n/stride⌉ outputs, padding cells never a value), {@code padP}
 * and {@code strideS} when wanted. It has no parameters; its gradient goes to each window's maximum (the first, on a
 * tie, which is a kink) or evenly to its cells.
 *
 * @param max    true for max pooling, false for average pooling
 * @param window f, the window's side
 * @param stride how far the window moves; f unless written
 * @param pad    the padding on every side, or {@link ConvLayer#SAME}
 */
public record PoolLayer(boolean max, int window, int stride, int pad) implements Layer {
    public PoolLayer {
        if (window < 1) {
            throw new IllegalArgumentException("a pooling window is at least 1, got " + window);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("a stride is at least 1, got " + stride);
        }
        if (pad < ConvLayer.SAME) {
            throw new IllegalArgumentException("padding cannot be negative, got " + pad);
        }
    }

    @Override
    public String text() {
        StringBuilder s = new StringBuilder(max ? "maxpool" : "avgpool").append(window);
        if (pad == ConvLayer.SAME) {
            s.append(" same");
        } else if (pad > 0) {
            s.append(" pad").append(pad);
        }
        if (stride != window) {
            s.append(" stride").append(stride);
        }
        return s.toString();
    }

    /** @return where the windows slide over {@code in} */
    public ConvGeometry geometry(Features in) {
        String what = max ? "max pooling" : "average pooling";
        ConvGeometry g = geometry(what, in, window, stride, pad);
        try {
            g.checkPoolable();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " over " + in + ": " + e.getMessage());
        }
        return g;
    }

    static ConvGeometry geometry(String what, Features in, int f, int stride, int pad) {
        if (!in.image()) {
            throw new IllegalArgumentException(what + " needs an image, but gets a vector of " + in
                    + " (give the input as HxWxC, such as 28x28x1)");
        }
        try {
            return pad == ConvLayer.SAME ? ConvGeometry.same(in.height(), in.width(), in.channels(), f, stride)
                    : ConvGeometry.of(in.height(), in.width(), in.channels(), f, stride, pad);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " over " + in + ": " + e.getMessage());
        }
    }

    @Override
    public Features output(Features in) {
        ConvGeometry g = geometry(in);
        return Features.image(g.outHeight(), g.outWidth(), in.channels());
    }

    @Override
    public Built build(LayerContext c) {
        ConvGeometry g = geometry(c.in());
        Features out = c.out();
        return (in, mode) -> {
            Node a = in.a();
            Node p = (max ? ImageOps.maxPool(a, g) : ImageOps.avgPool(a, g)).named("P" + in.index());
            return in.then(p, out);
        };
    }
}
