package io.github.gradgraph.graph.expr;

import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.ImageOps;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The image functions of the formula language, with keyword arguments (see {@link ImageKeywords}):
 * {@code conv2d(A, W, image=[H,W,C], f=…)} or {@code conv2d(A, W, b, …)}, {@code maxpool(A, …)}, {@code avgpool(A, …)}.
 * Every size is checked, in longs, before a geometry or a node is made: a formula cannot ask for an image, a window or
 * an output of more than 2³¹ − 1 values, and each refusal names the call's keywords.
 */
final class ImageCalls {
    private static final Set<String> NAMES = Set.of("conv2d", "maxpool", "avgpool");
    private static final List<String> KEYWORDS = List.of("image", "f", "stride", "pad");
    private static final long MAX = Integer.MAX_VALUE;

    private ImageCalls() {
    }

    static boolean isImageFunction(String name) {
        return NAMES.contains(name);
    }

    static Set<String> names() {
        return NAMES;
    }

    /**
     * Parses {@code name(args, keywords)} with the parser positioned at '(' and builds the node. Its arguments nest
     * through this frame, so it holds no more than their parsing needs.
     */
    static Node call(FormulaParser p, Token name) {
        String f = name.text();
        boolean pooling = !f.equals("conv2d");
        int most = pooling ? 1 : 3;
        p.expectSymbol("(");
        List<Node> args = new ArrayList<>();
        Map<String, Keywords.Value> kw = Map.of();
        boolean empty = p.peekToken().is(")");
        while (!empty) {
            if (Keywords.atKeyword(p)) {
                kw = Keywords.read(p, f, KEYWORDS);
                break;
            }
            Token start = p.peekToken();
            if (start.is(")")) {
                throw new ExpressionException(start.line(), start.column(), "expected an argument or a keyword "
                        + "after ',' in " + f);
            }
            if (args.size() == most) {
                throw new ExpressionException(start.line(), start.column(), f + " takes " + (pooling
                        ? "one image batch" : "the images, the filters and an optional bias") + " before its keywords");
            }
            args.add(p.argument());
            if (!p.peekToken().is(",")) {
                break;
            }
            p.nextToken();
        }
        Token close = p.peekToken();
        p.expectSymbol(")");
        return make(p, name, close, args, kw);
    }

    /** Builds the call's node once its arguments are read (apart from {@link #call}, whose frame nests). */
    private static Node make(FormulaParser p, Token name, Token close, List<Node> args,
            Map<String, Keywords.Value> kw) {
        String f = name.text();
        boolean pooling = !f.equals("conv2d");
        int least = pooling ? 1 : 2;
        if (args.size() < least) {
            throw new ExpressionException(close.line(), close.column(), f + " needs " + (pooling ? "the image batch, "
                    + f + "(A, image=[H,W,C], f=…)" : "the images and the filters, conv2d(A, W, image=[H,W,C], f=…)"));
        }
        ConvGeometry g = geometry(name, pooling, kw);
        if (pooling) {
            Node a = args.get(0);
            return p.build(name, () -> f.equals("maxpool") ? ImageOps.maxPool(a, g) : ImageOps.avgPool(a, g));
        }
        Node a = args.get(0);
        Node w = args.get(1);
        Node b = args.size() == 3 ? args.get(2) : null;
        if (!w.shape().rows().isSymbolic() && (long) g.outHeight() * g.outWidth() * w.shape().rows().size() > MAX) {
            throw error(name, f, g, pooling, "its output of " + g.outHeight() + "×" + g.outWidth() + "×"
                    + w.shape().rows() + " per image has more than 2³¹ − 1 values");
        }
        return p.build(name, () -> ImageOps.conv2d(a, w, b, g));
    }

    /** @return the geometry the keywords give, after checking each and their sizes together */
    private static ConvGeometry geometry(Token name, boolean pooling, Map<String, Keywords.Value> kw) {
        String f = name.text();
        Keywords.Value image = kw.get("image");
        if (image == null) {
            throw new ExpressionException(name.line(), name.column(), f + " needs image=[H,W,C], the height, width "
                    + "and channels of its input images");
        }
        Keywords.Value side = kw.get("f");
        if (side == null) {
            throw new ExpressionException(name.line(), name.column(), f + " needs f=…, the side of its square window");
        }
        Keywords.expect(image, EnumSet.of(Keywords.Kind.LIST), "[height,width,channels]");
        if (image.values().length != 3) {
            throw image.error("image= takes [height,width,channels], got " + image.values().length + " number"
                    + (image.values().length == 1 ? "" : "s"));
        }
        int h = image.values()[0];
        int w = image.values()[1];
        int c = image.values()[2];
        if (h < 1 || w < 1 || c < 1) {
            throw image.error("image=" + image.shown() + ": sizes are at least 1");
        }
        if ((long) h * w * c > MAX) {
            throw image.error("image=" + image.shown() + " has " + (long) h * w * c + " values per image, more "
                    + "than 2³¹ − 1");
        }
        int filter = positive(Keywords.expect(side, EnumSet.of(Keywords.Kind.NUMBER), "a whole number"));
        if ((long) filter * filter * c > MAX) {
            throw side.error("a " + filter + "×" + filter + " window over " + c + " channels has more than 2³¹ − 1 "
                    + "values");
        }
        Keywords.Value strideValue = kw.get("stride");
        int stride = strideValue == null ? ImageKeywords.defaultStride(filter, pooling)
                : positive(Keywords.expect(strideValue, EnumSet.of(Keywords.Kind.NUMBER), "a whole number"));
        int reach = Math.max(Math.max(h, w), filter);
        if (stride > reach) {
            throw strideValue.error("stride=" + stride + " is larger than both the " + h + "×" + w + " image and the "
                    + filter + "×" + filter + " window: at most " + reach);
        }
        long[] pad = pad(kw.get("pad"), h, w, filter, stride, pooling);
        if (h + pad[0] + pad[2] > MAX || w + pad[1] + pad[3] > MAX) {
            throw kw.get("pad").error("the padded image is larger than 2³¹ − 1 pixels along a side");
        }
        ConvGeometry g;
        try {
            g = new ConvGeometry(h, w, c, filter, stride, (int) pad[0], (int) pad[1], (int) pad[2], (int) pad[3]);
        } catch (IllegalArgumentException e) {
            throw new ExpressionException(name.line(), name.column(), f + " with " + typed(kw) + ": "
                    + e.getMessage());
        }
        if (pooling && (long) g.outHeight() * g.outWidth() * c > MAX) {
            throw error(name, f, g, true, "its output of " + g.outHeight() + "×" + g.outWidth() + "×" + c
                    + " per image has more than 2³¹ − 1 values");
        }
        return g;
    }

    /** @return the padding {top, left, bottom, right} */
    private static long[] pad(Keywords.Value v, int h, int w, int filter, int stride, boolean pooling) {
        if (v == null) {
            return new long[4];
        }
        if (v.kind() == Keywords.Kind.SAME) {
            long[] ph = ImageKeywords.samePadding(h, filter, stride);
            long[] pw = ImageKeywords.samePadding(w, filter, stride);
            return new long[] {ph[0], pw[0], ph[1], pw[1]};
        }
        long[] pad;
        if (v.kind() == Keywords.Kind.NUMBER) {
            long p = v.values()[0];
            pad = new long[] {p, p, p, p};
        } else if (v.values().length == 4) {
            pad = java.util.Arrays.stream(v.values()).asLongStream().toArray();
        } else {
            throw v.error("pad= takes a whole number, same or [top,left,bottom,right], got a list of "
                    + v.values().length);
        }
        long most = java.util.Arrays.stream(pad).max().orElse(0);
        if (pooling && most > filter / 2) {
            throw v.error("pad=" + v.shown() + " is more than half the " + filter + "×" + filter + " window: pooling "
                    + "pads at most " + filter / 2 + " so that every window holds a pixel of the image");
        }
        return pad;
    }

    private static int positive(Keywords.Value v) {
        if (v.values()[0] < 1) {
            throw v.error(v.name().text() + "=" + v.shown() + ": must be at least 1");
        }
        return v.values()[0];
    }

    private static ExpressionException error(Token name, String f, ConvGeometry g, boolean pooling, String problem) {
        return new ExpressionException(name.line(), name.column(), f + " with " + ImageKeywords.format(g, pooling)
                + ": " + problem);
    }

    /** @return the keywords as typed, e.g. {@code image=[5,7,4], f=9} */
    private static String typed(Map<String, Keywords.Value> kw) {
        StringBuilder s = new StringBuilder();
        kw.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append('=').append(v.shown()));
        return s.toString();
    }
}
