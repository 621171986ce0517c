package io.github.gradgraph.nn.layers;

import io.github.gradgraph.nn.Activation;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the layer text of convolution and pooling: {@code conv5x5x6 pad2}, {@code conv4x4x8 same stride2 tanh},
 * {@code maxpool2}, {@code maxpool8 same}, {@code avgpool3 stride1 pad1}. A token that does not start with
 * {@code conv}, {@code maxpool} or {@code avgpool} is someone else's; one that does but is malformed is refused with
 * the form it should have.
 */
final class ImageLayerText {
    private static final Pattern CONV = Pattern.compile("conv(\\d+)x(\\d+)x(\\d+)((?:\\s+\\S+)*)");
    private static final Pattern POOL = Pattern.compile("(max|avg)pool(\\d+)((?:\\s+\\S+)*)");
    private static final Pattern PAD = Pattern.compile("pad(\\d+)");
    private static final Pattern STRIDE = Pattern.compile("stride(\\d+)");

    private ImageLayerText() {
    }

    /** @return the convolution {@code token} writes, or null when it is not one */
    static Layer conv(String token) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        if (!t.startsWith("conv")) {
            return null;
        }
        Matcher m = CONV.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("a convolution is written convFxFxN (filter side twice, then the "
                    + "number of filters), such as conv5x5x6 pad2 or conv4x4x8 same");
        }
        int f = LayerKinds.size(m.group(1));
        if (f != LayerKinds.size(m.group(2))) {
            throw new IllegalArgumentException("filters are square: write conv" + f + "x" + f + "x" + m.group(3)
                    + " (or conv" + m.group(2) + "x" + m.group(2) + "x" + m.group(3) + ")");
        }
        Options o = options(m.group(4), 1, true);
        return new ConvLayer(f, LayerKinds.size(m.group(3)), o.stride, o.pad, o.activation);
    }

    /** @return the pooling {@code token} writes, of the kind asked, or null when it is not one */
    static Layer pool(String token, boolean max) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        String name = max ? "maxpool" : "avgpool";
        if (!t.startsWith(name)) {
            return null;
        }
        Matcher m = POOL.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("pooling is written " + name + "F (the window's side), such as "
                    + name + "2 or " + name + "8 same");
        }
        int f = LayerKinds.size(m.group(2));
        Options o = options(m.group(3), f, false);
        return new PoolLayer(max, f, o.stride, o.pad);
    }

    private static final class Options {
        int stride;
        int pad;
        Activation activation;
    }

    private static Options options(String text, int defaultStride, boolean activation) {
        Options o = new Options();
        o.stride = defaultStride;
        boolean padded = false;
        boolean strided = false;
        for (String word : text.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            Matcher pad = PAD.matcher(word);
            Matcher stride = STRIDE.matcher(word);
            if (word.equals("same") || word.equals("valid") || pad.matches()) {
                if (padded) {
                    throw new IllegalArgumentException("'" + word + "': the padding is given twice");
                }
                padded = true;
                o.pad = word.equals("same") ? ConvLayer.SAME : word.equals("valid") ? 0
                        : LayerKinds.size(pad.group(1));
            } else if (stride.matches()) {
                if (strided) {
                    throw new IllegalArgumentException("'" + word + "': the stride is given twice");
                }
                strided = true;
                o.stride = LayerKinds.size(stride.group(1));
            } else if (activation && o.activation == null) {
                try {
                    o.activation = Activation.parse(word);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + word + "' is not padP, same, strideS or an activation: "
                            + e.getMessage());
                }
            } else {
                throw new IllegalArgumentException("'" + word + "' is not " + (activation
                        ? "padP, same, strideS or an activation" : "padP, same or strideS"));
            }
        }
        return o;
    }
}
