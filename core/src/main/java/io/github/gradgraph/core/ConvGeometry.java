package io.github.gradgraph.core;

/**
 * Where a square window slides over a batch of images: the input image (height × width × channels, channels-last),
 * the window's side, its stride and the zero padding on each side. Shared by convolution (the window is a filter) and
 * pooling (the window is a pool). An image batch is an (H·W·C) × m matrix, one column per image, row
 * ((h·W) + w)·C + c; the output has ⌊(n + padding − f)/stride⌋ + 1 positions along each axis.
 *
 * @param height    H, the input's rows of pixels
 * @param width     W, the input's columns of pixels
 * @param channels  C, the input's channels
 * @param filter    f, the window's side
 * @param stride    how far the window moves, along both axes
 * @param padTop    zero rows above the image
 * @param padLeft   zero columns left of it
 * @param padBottom zero rows below it
 * @param padRight  zero columns right of it
 */
public record ConvGeometry(int height, int width, int channels, int filter, int stride, int padTop, int padLeft,
        int padBottom, int padRight) {
    public ConvGeometry {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("an image needs a positive size, got " + height + "×" + width + "×"
                    + channels);
        }
        if (filter < 1 || stride < 1) {
            throw new IllegalArgumentException("a window needs a positive size and stride, got " + filter
                    + " and stride " + stride);
        }
        if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
            throw new IllegalArgumentException("padding cannot be negative");
        }
        long rows = (long) height * width * channels;
        if (rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an image of " + height + "×" + width + "×" + channels
                    + " has more than 2³¹ values");
        }
        if (height + padTop + padBottom < filter || width + padLeft + padRight < filter) {
            throw new IllegalArgumentException("a " + filter + "×" + filter + " window does not fit in a "
                    + height + "×" + width + " image" + (padTop + padLeft + padBottom + padRight > 0
                            ? " padded to " + (height + padTop + padBottom) + "×" + (width + padLeft + padRight)
                            : ""));
        }
    }

    /** The same padding on every side (0 for none), as PyTorch's {@code padding=pad}. */
    public static ConvGeometry of(int height, int width, int channels, int filter, int stride, int pad) {
        return new ConvGeometry(height, width, channels, filter, stride, pad, pad, pad, pad);
    }

    /**
     * TensorFlow's and Keras's {@code padding='same'}: ⌈n/stride⌉ outputs along each axis, the total padding
     * max((out − 1)·stride + f − n, 0) split in two with the odd pixel going bottom/right.
     */
    public static ConvGeometry same(int height, int width, int channels, int filter, int stride) {
        int totalH = samePadding(height, filter, stride);
        int totalW = samePadding(width, filter, stride);
        return new ConvGeometry(height, width, channels, filter, stride, totalH / 2, totalW / 2, totalH - totalH / 2,
                totalW - totalW / 2);
    }

    private static int samePadding(int n, int f, int stride) {
        int out = (n + stride - 1) / stride;
        return Math.max((out - 1) * stride + f - n, 0);
    }

    /**
     * Checks that every window holds at least half of itself inside the image, as pooling needs (a window of padding
     * only has no maximum and no average); PyTorch's rule, padding at most f/2 on each side.
     *
     * @throws IllegalArgumentException naming the padding and the window
     */
    public void checkPoolable() {
        int most = Math.max(Math.max(padTop, padBottom), Math.max(padLeft, padRight));
        if (2 * most > filter) {
            throw new IllegalArgumentException("pooling pads at most half its window on each side: padding " + most
                    + " is more than half of " + filter + "×" + filter);
        }
    }

    /** @return the output's rows of pixels */
    public int outHeight() {
        return (height + padTop + padBottom - filter) / stride + 1;
    }

    /** @return the output's columns of pixels */
    public int outWidth() {
        return (width + padLeft + padRight - filter) / stride + 1;
    }

    /** @return P, the number of window positions: outHeight·outWidth */
    public int positions() {
        return outHeight() * outWidth();
    }

    /** @return H·W·C, the rows of the input matrix */
    public int inputRows() {
        return height * width * channels;
    }

    /** @return f·f·C, the values a window sees: the columns of a filter bank */
    public int patch() {
        return filter * filter * channels;
    }

    /** @return true when the padding is the same on all four sides */
    public boolean symmetric() {
        return padTop == padLeft && padTop == padBottom && padTop == padRight;
    }

    /** @return the input image as text, e.g. {@code 28×28×1} */
    public String image() {
        return height + "×" + width + "×" + channels;
    }

    /** @return the window as text, e.g. {@code 5×5, stride 2, pad 1} or {@code 4×4, pad 1,1,2,2} */
    public String window() {
        StringBuilder s = new StringBuilder().append(filter).append('×').append(filter);
        if (stride != 1) {
            s.append(", stride ").append(stride);
        }
        if (symmetric()) {
            if (padTop > 0) {
                s.append(", pad ").append(padTop);
            }
        } else {
            s.append(", pad ").append(padTop).append(',').append(padLeft).append(',').append(padBottom).append(',')
                    .append(padRight).append(" (top, left, bottom, right)");
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return window() + " over " + image();
    }
}
