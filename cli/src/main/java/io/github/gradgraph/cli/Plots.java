package io.github.gradgraph.cli;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.EpochStats;
import io.github.gradgraph.nn.Metrics;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.Predictor;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Preprocessing;
import java.awt.Color;
import java.io.IOException;
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

    /** J per epoch on the training batches, and on the test set when there is one; epochs on whole-number ticks. */
    static void lossCurve(List<EpochStats> history, Path file) throws IOException {
        boolean test = history.stream().anyMatch(EpochStats::hasTest);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(test ? "Loss J per epoch: training and test" : "Training loss J per epoch")
                .xAxisTitle("epoch").yAxisTitle("J").build();
        double[] epochs = history.stream().mapToDouble(EpochStats::epoch).toArray();
        chart.addSeries("train", epochs, history.stream().mapToDouble(EpochStats::loss).toArray())
                .setMarker(SeriesMarkers.NONE).setLineColor(COLORS[0]);
        if (test) {
            chart.addSeries("test", epochs, history.stream().mapToDouble(EpochStats::testLoss).toArray())
                    .setMarker(SeriesMarkers.NONE).setLineColor(COLORS[1]);
        }
        chart.getStyler().setLegendVisible(test);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        // From the epoch before the first, so that ticks fall on round numbers (0, 25, 50, … rather than 1, 7, 13, …)
        chart.getStyler().setXAxisMin(epochs[0] - 1).setXAxisMax(epochs[epochs.length - 1]);
        save(chart, file);
    }

    /**
     * The predicted class over a grid spanning the data, with the samples on top, in the data's own units.
     *
     * @param data          samples as the network sees them (preprocessed)
     * @param preprocessing to draw the axes in the data's own units
     */
    static void boundary(Network network, ParameterStore params, Dataset data, Preprocessing preprocessing,
            Path file) throws IOException {
        Predictor predictor = new Predictor(network);
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
                    gx.add(preprocessing.original(0, grid.get(0, j)));
                    gy.add(preprocessing.original(1, grid.get(1, j)));
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
                    px.add(preprocessing.original(0, x.get(0, j)));
                    py.add(preprocessing.original(1, x.get(1, j)));
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

    /** Drawing one picture, for {@link #draw}. */
    interface Drawing {
        void draw() throws IOException;
    }

    /**
     * Draws one picture, and on any failure leaves no picture of this name behind (neither a temporary file nor the
     * one an earlier run wrote there, which would pass for this run's): a picture is a by-product, and its failure
     * (XChart refuses non-finite or overflowing coordinates, say) must not cost the run its model and history.
     *
     * @param file    the picture's file
     * @param drawing writes {@code file}
     * @return null when drawn, else one line naming the picture and the reason
     */
    static String draw(Path file, Drawing drawing) {
        try {
            drawing.draw();
            return null;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the message below still says the picture is not this run's
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return file.getFileName() + " could not be drawn (" + reason.replace('\n', ' ').strip() + ")";
        }
    }

    /**
     * Renders in memory first, so a chart XChart cannot draw never creates a file; then writes through a temporary
     * file renamed into place, which is deleted whatever goes wrong.
     */
    private static void save(XYChart chart, Path file) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, png);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
