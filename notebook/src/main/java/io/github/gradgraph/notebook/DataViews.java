package io.github.gradgraph.notebook;

import io.github.gradgraph.nn.data.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Data sets as pictures: samples of two features as a scatter coloured by class, image data sets as a grid of their
 * first images, anything else as a summary.
 */
final class DataViews {
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    /** The smallest side of a square picture a data set is taken to hold when nobody says so. */
    static final int MIN_IMAGE_SIDE = 8;

    private DataViews() {
    }

    /** @return a scatter if the set has two features, a grid if its columns are square pictures, else a summary */
    static Rich of(Dataset d) {
        if (d.features() == 2) {
            return scatter(d);
        }
        int[] hwc = ImageGrid.geometry(d.features());
        if (hwc != null && hwc[0] >= MIN_IMAGE_SIDE) {
            return ImageGrid.of(d, Math.min(d.size(), 40));
        }
        return new Rich(Map.of(Rich.PLAIN, summary(d)));
    }

    /**
     * @return the samples' first two features, a colour per class, as PNG and SVG
     * @throws IllegalArgumentException when the set has fewer than two features
     */
    static Rich scatter(Dataset d) {
        if (d.features() < 2) {
            throw new IllegalArgumentException(d.name() + " has " + d.features() + " feature(s); a scatter needs 2");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(d.name() + (d.features() > 2 ? " (features 1 and 2 of " + d.features() + ")" : ""))
                .xAxisTitle("x1").yAxisTitle("x2").build();
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        DMatrixRMaj x = d.x();
        for (int k = 0; k < d.classes(); k++) {
            List<Double> px = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            for (int j = 0; j < d.size(); j++) {
                if (d.labels()[j] == k && Double.isFinite(x.get(0, j)) && Double.isFinite(x.get(1, j))) {
                    px.add(x.get(0, j));
                    py.add(x.get(1, j));
                }
            }
            if (!px.isEmpty()) {
                XYSeries s = chart.addSeries(d.classNames().get(k) + " (" + px.size() + ")", px, py);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(Pictures.COLORS[k % Pictures.COLORS.length]);
            }
        }
        Map<String, String> m = new LinkedHashMap<>();
        String svg = svg(chart);
        m.put(Rich.HTML, Pictures.svgAsHtml(svg, summary(d)));
        m.put(Rich.SVG, svg);
        m.put(Rich.PNG, Pictures.png(chart));
        m.put(Rich.PLAIN, summary(d));
        return new Rich(m);
    }

    private static String svg(XYChart chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the chart as SVG in memory", e);
        }
        String svg = out.toString(StandardCharsets.UTF_8);
        // a notebook wants the <svg> element itself, not a document with a DOCTYPE that fetches a DTD
        int start = svg.indexOf("<svg");
        return start > 0 ? svg.substring(start) : svg;
    }

    /** @return name, size, features and the count of each class */
    static String summary(Dataset d) {
        int[] counts = new int[d.classes()];
        for (int label : d.labels()) {
            counts[label]++;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: %d samples × %d features, %d classes",
                d.name(), d.size(), d.features(), d.classes()));
        for (int k = 0; k < counts.length; k++) {
            sb.append(k == 0 ? " (" : ", ").append(d.classNames().get(k)).append(": ").append(counts[k]);
        }
        return sb.append(counts.length > 0 ? ")" : "").toString();
    }
}
