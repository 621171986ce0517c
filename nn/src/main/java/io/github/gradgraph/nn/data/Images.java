package io.github.gradgraph.nn.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.ejml.data.DMatrixRMaj;

/**
 * One picture file (PNG, JPEG, BMP, GIF: what the JDK's {@code javax.imageio} reads) as one sample column, in the
 * image layout H×W×C channels-last (row ((h·W) + w)·C + c). One channel is the luma Y = 0.299·R + 0.587·G + 0.114·B
 * (ITU-R BT.601, as PIL's {@code convert("L")}; a grey file's own values), three are R, G, B. Values stay in 0…255,
 * the units of the 8-bit arrays a model is trained on, so that the model's own preprocessing (such as
 * {@code --scale 1/255}) applies to them as to its training data. The size is not changed: a picture of another size
 * is an error naming both.
 */
public final class Images {
    private Images() {
    }

    /** @return whether {@code fileName} ends in .png, .jpg, .jpeg, .bmp or .gif */
    public static boolean isImageName(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g|bmp|gif)");
    }

    /**
     * @param channels 1 (luma) or 3 (RGB)
     * @return (height·width·channels) × 1, values 0…255
     * @throws DataException naming the file when it cannot be read as a picture or is not height × width
     */
    public static DMatrixRMaj read(Path file, int height, int width, int channels) {
        if (channels != 1 && channels != 3) {
            throw new DataException(file + ": the model takes images of " + channels + " channels; a picture gives "
                    + "1 (grey) or 3 (RGB)");
        }
        BufferedImage image = load(file);
        if (image.getHeight() != height || image.getWidth() != width) {
            throw new DataException(file + " is " + size(image) + " but the model takes " + height + "×" + width
                    + "×" + channels + " images; resize it to " + height + "×" + width + " (height × width)");
        }
        return column(image, channels);
    }

    /**
     * For a model whose input is a vector of {@code features}: the picture's own height and width, grey or RGB,
     * whichever gives that many values.
     *
     * @throws DataException naming the file and both sizes when neither does
     */
    public static DMatrixRMaj readAs(Path file, int features) {
        BufferedImage image = load(file);
        long pixels = (long) image.getHeight() * image.getWidth();
        if (pixels == features || 3 * pixels == features) {
            return column(image, (int) (features / pixels));
        }
        throw new DataException(file + " is " + size(image) + " (" + pixels + " pixels: " + pixels + " grey or "
                + 3 * pixels + " RGB values) but the model takes " + features + " features");
    }

    private static BufferedImage load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": no such file");
        }
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new DataException(file + ": not a picture javax.imageio can read (PNG, JPEG, BMP, GIF)");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException d) {
                throw d;
            }
            throw new DataException(file + ": cannot be read as a picture: " + e.getMessage(), e);
        }
    }

    private static String size(BufferedImage image) {
        return image.getHeight() + "×" + image.getWidth() + " (height × width)";
    }

    private static DMatrixRMaj column(BufferedImage image, int channels) {
        int h = image.getHeight();
        int w = image.getWidth();
        DMatrixRMaj x = new DMatrixRMaj(h * w * channels, 1);
        Raster raster = image.getRaster();
        // A grey file's own values, not a round trip through sRGB, which would change them
        int type = image.getType();
        boolean grey = channels == 1 && raster.getNumBands() == 1 && image.getColorModel().getPixelSize() <= 16
                && type != BufferedImage.TYPE_BYTE_INDEXED && type != BufferedImage.TYPE_BYTE_BINARY;
        double greyScale = grey ? 255.0 / ((1 << raster.getSampleModel().getSampleSize(0)) - 1) : 1;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int at = (r * w + c) * channels;
                if (grey) {
                    x.data[at] = raster.getSample(c, r, 0) * greyScale;
                    continue;
                }
                int rgb = image.getRGB(c, r);
                int red = (rgb >> 16) & 0xff;
                int green = (rgb >> 8) & 0xff;
                int blue = rgb & 0xff;
                if (channels == 1) {
                    x.data[at] = (299 * red + 587 * green + 114 * blue) / 1000.0; // exact for R = G = B
                } else {
                    x.data[at] = red;
                    x.data[at + 1] = green;
                    x.data[at + 2] = blue;
                }
            }
        }
        return x;
    }
}
