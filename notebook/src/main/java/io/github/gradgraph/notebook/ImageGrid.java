package io.github.gradgraph.notebook;

import io.github.gradgraph.nn.data.Dataset;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The first images of an image data set in a grid, each labelled with its class name. A column is one picture
 * H×W×C channels-last (row ((h·W) + w)·C + c), grey when the number of features is a square, RGB when it is three
 * times one. Values are drawn on one scale for all the pictures shown, from their least to their greatest value, so
 * data scaled to [0, 1] and raw 0…255 data look the same.
 */
final class ImageGrid {
    static final int MAX_COLUMNS = 10;
    static final int LABEL_HEIGHT = 16;
    static final int GAP = 4;
    /** Pictures are enlarged by a whole factor to at least this many pixels a side. */
    static final int MIN_CELL = 56;

    private ImageGrid() {
    }

    /** @return {height, width, channels} of a square picture with that many values, or null when there is none */
    static int[] geometry(int features) {
        int side = (int) Math.round(Math.sqrt(features));
        if (side > 0 && side * side == features) {
            return new int[] {side, side, 1};
        }
        side = (int) Math.round(Math.sqrt(features / 3.0));
        if (side > 0 && 3 * side * side == features) {
            return new int[] {side, side, 3};
        }
        return null;
    }

    /** @return the whole factor that enlarges a picture of that side to at least {@link #MIN_CELL} pixels */
    static int cellScale(int side) {
        return Math.max(1, (MIN_CELL + side - 1) / side);
    }

    /**
     * @param count how many of the first images to draw, ≥ 1 (fewer when the set has fewer)
     * @throws IllegalArgumentException when the columns are not square pictures, or count &lt; 1
     */
    static Rich of(Dataset d, int count) {
        int[] hwc = geometry(d.features());
        if (hwc == null) {
            throw new IllegalArgumentException(d.name() + " has " + d.features() + " features, not the pixels of a "
                    + "square picture (side² grey or 3·side² RGB values)");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count is the number of images to show, ≥ 1; got " + count);
        }
        int n = Math.min(count, d.size());
        int h = hwc[0];
        int w = hwc[1];
        int c = hwc[2];
        int scale = cellScale(w);
        int cols = Math.max(1, Math.min(n, MAX_COLUMNS));
        int rows = (n + cols - 1) / cols;
        int cellW = w * scale;
        int cellH = h * scale + LABEL_HEIGHT;
        BufferedImage image = new BufferedImage(Math.max(1, cols * (cellW + GAP) + GAP),
                Math.max(1, rows * (cellH + GAP) + GAP), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        FontMetrics fm = g.getFontMetrics();
        DMatrixRMaj x = d.x();
        double[] range = range(x, n);
        for (int i = 0; i < n; i++) {
            int left = GAP + (i % cols) * (cellW + GAP);
            int top = GAP + (i / cols) * (cellH + GAP);
            for (int r = 0; r < h; r++) {
                for (int q = 0; q < w; q++) {
                    int base = (r * w + q) * c;
                    int red = level(x.get(base, i), range);
                    int rgb = c == 1 ? red * 0x010101
                            : red << 16 | level(x.get(base + 1, i), range) << 8 | level(x.get(base + 2, i), range);
                    g.setColor(new Color(rgb));
                    g.fillRect(left + q * scale, top + r * scale, scale, scale);
                }
            }
            String label = fit(d.classNames().get(d.labels()[i]), fm, cellW);
            g.setColor(Color.DARK_GRAY);
            g.drawString(label, left + (cellW - fm.stringWidth(label)) / 2, top + h * scale + LABEL_HEIGHT - 4);
        }
        g.dispose();
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Rich.PNG, Pictures.png(image));
        StringBuilder plain = new StringBuilder(DataViews.summary(d)).append("\nfirst ").append(n).append(':');
        for (int i = 0; i < n; i++) {
            plain.append(i == 0 ? " " : ", ").append(d.classNames().get(d.labels()[i]));
        }
        m.put(Rich.PLAIN, plain.toString());
        return new Rich(m);
    }

    /** @return {least, greatest} finite value over the first n columns */
    private static double[] range(DMatrixRMaj x, int n) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < x.numRows; r++) {
            for (int j = 0; j < n; j++) {
                double v = x.get(r, j);
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
    }

    private static int level(double v, double[] range) {
        if (!Double.isFinite(v)) {
            return 0;
        }
        double t = range[1] > range[0] ? (v - range[0]) / (range[1] - range[0]) : 0;
        return (int) Math.round(255 * Math.max(0, Math.min(1, t)));
    }

    private static String fit(String s, FontMetrics fm, int width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }
}
