package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.PrimitiveSpec.Example;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The convolution and pooling rows of the primitive table. Each example draws a geometry from its numbers: images
 * 1–6 × 1–7 (non-square), 1–4 channels in, 1–4 filters, windows 1–5, stride 1–3, padding 0–2 or {@code same}, batches
 * of 1–3 (the window shrinks until it fits).
 */
final class ImageRows {
    private ImageRows() {
    }

    /** The geometry of an example. */
    static ConvGeometry geometry(Example e) {
        int h = 1 + e.n() % 6;
        int w = 1 + e.k() % 7;
        int c = 1 + (e.n() + e.k()) % 4;
        int stride = 1 + e.variant() / 5 % 3;
        int pad = e.variant() / 15 % 4;
        for (int f = 1 + e.variant() % 5; ; f--) {
            try {
                return pad == 3 ? ConvGeometry.same(h, w, c, f, stride)
                        : ConvGeometry.of(h, w, c, f, stride, Math.min(pad, f - 1));
            } catch (IllegalArgumentException tooLarge) {
                if (f == 1) {
                    throw tooLarge;
                }
            }
        }
    }

    /** The geometry of an example for pooling: its padding at most half the window (PyTorch's rule). */
    static ConvGeometry poolGeometry(Example e) {
        ConvGeometry g = geometry(e);
        int most = g.filter() / 2;
        return new ConvGeometry(g.height(), g.width(), g.channels(), g.filter(), g.stride(), Math.min(g.padTop(),
                most), Math.min(g.padLeft(), most), Math.min(g.padBottom(), most), Math.min(g.padRight(), most));
    }

    static int filters(Example e) {
        return 1 + (e.m() + e.variant()) % 4;
    }

    static int batch(Example e) {
        return 1 + e.m() % 3;
    }

    static Shape images(Example e) {
        return Shape.of(geometry(e).inputRows(), batch(e));
    }

    static Shape convOut(Example e) {
        return Shape.of(geometry(e).positions() * filters(e), batch(e));
    }

    static Shape pooled(Example e) {
        ConvGeometry g = poolGeometry(e);
        return Shape.of(g.positions() * g.channels(), batch(e));
    }

    static Shape filterBank(Example e) {
        return Shape.of(filters(e), geometry(e).patch());
    }

    private static PrimitiveSpec row(String name, Function<Example, Shape[]> shapes,
            BiFunction<Node[], Example, Node> build) {
        return new PrimitiveSpec(name, shapes.apply(new Example(1, 1, 1, 0, null)).length, shapes, PrimitiveTable.ANY,
                build, true, false);
    }

    static List<PrimitiveSpec> all() {
        return List.of(
                row("conv2d", e -> new Shape[] {images(e), filterBank(e)},
                        (in, e) -> ImageOps.conv2d(in[0], in[1], null, geometry(e))),
                row("conv2d with bias", e -> new Shape[] {images(e), filterBank(e), Shape.of(filters(e), 1)},
                        (in, e) -> ImageOps.conv2d(in[0], in[1], in[2], geometry(e))),
                row("conv2dᵀ", e -> new Shape[] {convOut(e), filterBank(e)},
                        (in, e) -> ImageOps.conv2dInputGrad(in[0], in[1], geometry(e))),
                row("conv2d_dW", e -> new Shape[] {images(e), convOut(e)},
                        (in, e) -> ImageOps.conv2dFilterGrad(in[0], in[1], geometry(e))),
                row("channel_sum", e -> new Shape[] {convOut(e)},
                        (in, e) -> ImageOps.channelSum(in[0], filters(e))),
                row("channel_tile", e -> new Shape[] {Shape.of(filters(e), 1)},
                        (in, e) -> ImageOps.channelTile(in[0], geometry(e).positions())),
                row("maxpool", e -> new Shape[] {images(e)}, (in, e) -> ImageOps.maxPool(in[0], poolGeometry(e))),
                row("maxpoolᵀ", e -> new Shape[] {images(e), pooled(e)},
                        (in, e) -> ImageOps.maxPoolScatter(in[0], in[1], poolGeometry(e))),
                row("maxpool_at", e -> new Shape[] {images(e), images(e)},
                        (in, e) -> ImageOps.maxPoolGather(in[0], in[1], poolGeometry(e))),
                row("avgpool", e -> new Shape[] {images(e)}, (in, e) -> ImageOps.avgPool(in[0], poolGeometry(e))),
                row("avgpoolᵀ", e -> new Shape[] {pooled(e)}, (in, e) -> ImageOps.avgPoolGrad(in[0], poolGeometry(e))));
    }
}
