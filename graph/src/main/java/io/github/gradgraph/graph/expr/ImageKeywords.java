package io.github.gradgraph.graph.expr;

import io.github.gradgraph.core.ConvGeometry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keyword arguments of the formula language's image functions, {@code conv2d(A, W, b, image=[5,7,4], f=3,
 * stride=2, pad=1)}, {@code maxpool(A, image=[5,5,3], f=3, stride=1)} and {@code avgpool(A, image=[5,5,3], f=3)}:
 * their defaults, and the keywords that give a geometry back, so a printed call parses to the same window.
 *
 * <ul>
 *   <li>{@code image=[H,W,C]}: the input images' height, width and channels (channels-last rows), required;</li>
 *   <li>{@code f}: the square window's side, required;</li>
 *   <li>{@code stride}: 1 for a convolution, f for pooling (the window tiles the image), as Keras's defaults;</li>
 *   <li>{@code pad}: zeros on every side, 0 by default; {@code same} for Keras's {@code padding='same'} (⌈n/stride⌉
 *   outputs, the odd pixel bottom/right), or {@code [top,left,bottom,right]}. Pooling pads at most f/2 per side, as
 *   PyTorch's pooling does, so that every window holds a pixel of the image.</li>
 * </ul>
 */
public final class ImageKeywords {
    private ImageKeywords() {
    }

    /** @return the stride when none is given: f for pooling, 1 for a convolution */
    public static int defaultStride(int filter, boolean pooling) {
        return pooling ? filter : 1;
    }

    /**
     * @param pooling whether the window pools (its default stride is f) rather than convolves
     * @return the keywords that give this geometry, by name in order, the defaults left out: {@code image → [5,7,4]},
     *     {@code f → 3}, {@code stride → 2}, {@code pad → 1} (or {@code same}, or {@code [0,0,1,1]})
     */
    public static Map<String, String> of(ConvGeometry g, boolean pooling) {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("image", "[" + g.height() + "," + g.width() + "," + g.channels() + "]");
        k.put("f", Integer.toString(g.filter()));
        if (g.stride() != defaultStride(g.filter(), pooling)) {
            k.put("stride", Integer.toString(g.stride()));
        }
        if (g.symmetric()) {
            if (g.padTop() > 0) {
                k.put("pad", Integer.toString(g.padTop()));
            }
        } else {
            k.put("pad", isSame(g) ? "same" : "[" + g.padTop() + "," + g.padLeft() + "," + g.padBottom() + ","
                    + g.padRight() + "]");
        }
        return k;
    }

    /** @return the keywords of {@link #of} as a call writes them: {@code image=[5,7,4], f=3, stride=2, pad=1} */
    public static String format(ConvGeometry g, boolean pooling) {
        StringBuilder s = new StringBuilder();
        of(g, pooling).forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return s.toString();
    }

    private static boolean isSame(ConvGeometry g) {
        long[] h = samePadding(g.height(), g.filter(), g.stride());
        long[] w = samePadding(g.width(), g.filter(), g.stride());
        return g.padTop() == h[0] && g.padBottom() == h[1] && g.padLeft() == w[0] && g.padRight() == w[1];
    }

    /**
     * Keras's 'same' padding along one axis, in longs so that no size overflows: the total
     * max((⌈n/stride⌉ − 1)·stride + f − n, 0), the odd pixel after.
     *
     * @return {before, after}
     */
    static long[] samePadding(long n, long f, long stride) {
        long out = (n + stride - 1) / stride;
        long total = Math.max((out - 1) * stride + f - n, 0);
        return new long[] {total / 2, total - total / 2};
    }
}
