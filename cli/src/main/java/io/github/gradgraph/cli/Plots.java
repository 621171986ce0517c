package io.github.gradgraph.cli;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Metrics;
import io.github.gradgraph.nn.Predictor;
import io.github.gradgraph.nn.data.Dataset;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The pictures {@code train} writes, drawn with XChart: the loss curve and a 2-D decision boundary. */
final class Plots {
    static final int WIDTH = 800;
    static final int HEIGHT = 600;
    private static final int GRID = 150;
    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(214, 39, 40),
        new Color(44, 160, 44), new Color(148, 103, 189), new Color(255, 127, 14), new Color(140, 86, 75)};

    private Plots() {
    }

    static void lossCurve(double[] losses, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Training loss J per epoch")
                .xAxisTitle("epoch").yAxisTitle("J").build();
        double[] epochs = new double[losses.length];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        chart.addSeries("J", epochs, losses).setMarker(SeriesMarkers.NONE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        save(chart, file);
    }

    /**
     * The predicted class over a grid spanning the data, with the samples on top, in the data's own units.
     *
     * @param data      samples in standardized units, as the network sees them
     * @param mean      per-feature means, to draw the axes in the data's units
     * @param std       per-feature standard deviations, likewise
     */
    static void boundary(Predictor predictor, ParameterStore params, Dataset data, double[] mean, double[] std,
            Path file) throws IOException {
        DMatrixRMaj x = data.x();
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int j = 0; j < x.numCols; j++) {
            for (int f = 0; f < 2; f++) {
                lo[f] = Math.min(lo[f], x.get(f, j));
                hi[f] = Math.max(hi[f], x.get(f, j));
            }
        }
        DMatrixRMaj grid = new DMatrixRMaj(2, GRID * GRID);
        for (int a = 0; a < GRID; a++) {
            for (int b = 0; b < GRID; b++) {
                for (int f = 0; f < 2; f++) {
                    double pad = 0.1 * (hi[f] - lo[f]) + 1e-9;
                    double t = (f == 0 ? a : b) / (GRID - 1.0);
                    grid.set(f, a * GRID + b, lo[f] - pad + t * (hi[f] - lo[f] + 2 * pad));
                }
            }
        }
        DMatrixRMaj out = predictor.predict(params, grid);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Decision boundary")
                .xAxisTitle("x1").yAxisTitle("x2").build();
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        int classes = Math.max(2, data.classes());
        for (int k = 0; k < classes; k++) {
            List<Double> gx = new ArrayList<>();
            List<Double> gy = new ArrayList<>();
            for (int j = 0; j < grid.numCols; j++) {
                if (Metrics.predictedClass(out, j) == k) {
                    gx.add(grid.get(0, j) * std[0] + mean[0]);
                    gy.add(grid.get(1, j) * std[1] + mean[1]);
                }
            }
            if (!gx.isEmpty()) {
                XYSeries s = chart.addSeries("region " + k, gx, gy);
                s.setMarker(SeriesMarkers.SQUARE).setMarkerColor(tint(COLORS[k % COLORS.length]));
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setShowInLegend(false);
            }
        }
        for (int k = 0; k < classes; k++) {
            List<Double> px = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            for (int j = 0; j < x.numCols; j++) {
                if (data.labels()[j] == k) {
                    px.add(x.get(0, j) * std[0] + mean[0]);
                    py.add(x.get(1, j) * std[1] + mean[1]);
                }
            }
            if (!px.isEmpty()) {
                XYSeries s = chart.addSeries("class " + data.classNames().get(k), px, py);
                s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(COLORS[k % COLORS.length]);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
        }
        save(chart, file);
    }

    private static Color tint(Color c) {
        return new Color((c.getRed() + 3 * 255) / 4, (c.getGreen() + 3 * 255) / 4, (c.getBlue() + 3 * 255) / 4);
    }

    private static void save(XYChart chart, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp)) {
            BitmapEncoder.saveBitmap(chart, os, BitmapFormat.PNG);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
