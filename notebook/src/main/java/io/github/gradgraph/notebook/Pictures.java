package io.github.gradgraph.notebook;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Pictures as a notebook's {@code image/png} wants them: PNG bytes in base64, and the palette the charts share. */
final class Pictures {
    /** Matplotlib's first colours, as the CLI's plots use them. */
    static final Color[] COLORS = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
        new Color(148, 103, 189), new Color(255, 127, 14), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private Pictures() {
    }

    /**
     * @return {@code svg} as an HTML image ({@code <img src="data:image/svg+xml;base64,…">}). A display carries it
     *     beside the SVG itself: front ends that prefer HTML (JupyterLab, nbconvert's HTML) then show the picture as
     *     an image, which nbconvert 6.5's HTML export would otherwise strip of every element it does not know as HTML
     *     (it passes an SVG output through lxml's cleaner, leaving an empty box)
     */
    static String svgAsHtml(String svg, String alt) {
        String data = Base64.getEncoder().encodeToString(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "<img src=\"data:image/svg+xml;base64," + data + "\" alt=\""
                + io.github.gradgraph.notebook.svg.Xml.escape(alt) + "\">";
    }

    /** @return {@code chart} drawn as PNG, base64 */
    static String png(Chart<?, ?> chart) {
        return png(BitmapEncoder.getBufferedImage(chart));
    }

    /** @return {@code image} as PNG, base64 */
    static String png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG in memory", e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
