package io.github.gradgraph.nn.layers;

/**
 * What one sample is between two layers: a vector of n features, or an image of H×W×C. Either way a batch is one
 * column per sample; an image's column holds its pixels channels-last in C order (row ((h·W) + w)·C + c), so that
 * flattening an image before a dense layer changes nothing.
 *
 * @param height   H, 1 for a vector
 * @param width    W, 1 for a vector
 * @param channels C, the vector's length for a vector
 * @param image    whether the sample is an image (an H×W×C input or a layer's image output)
 */
public record Features(int height, int width, int channels, boolean image) {
    public Features {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("every size must be at least 1, got " + height + "×" + width + "×"
                    + channels);
        }
        if ((long) height * width * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(height + "×" + width + "×" + channels + " is too many features");
        }
        if (!image && (height != 1 || width != 1)) {
            throw new IllegalArgumentException("a vector has height and width 1");
        }
    }

    /** @return a vector of {@code n} features */
    public static Features vector(int n) {
        return new Features(1, 1, n, false);
    }

    /** @return an image of H×W×C */
    public static Features image(int height, int width, int channels) {
        return new Features(height, width, channels, true);
    }

    /** @return the rows a batch has: H·W·C */
    public int size() {
        return height * width * channels;
    }

    /** @return {@code n} for a vector, {@code HxWxC} for an image: as the layer text writes it */
    public String text() {
        return image ? height + "x" + width + "x" + channels : Integer.toString(channels);
    }

    /** @return {@code n} for a vector, {@code H×W×C (n)} for an image: as messages show it */
    @Override
    public String toString() {
        return image ? height + "×" + width + "×" + channels + " (" + size() + ")" : Integer.toString(channels);
    }
}
