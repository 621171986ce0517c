package io.github.gradgraph.notebook;

import io.github.gradgraph.nn.EpochStats;
import io.github.gradgraph.nn.TrainingHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Named curves of a training run, drawn as one chart: losses on the left axis and accuracies, in [0, 1], on the
 * right one. A series whose name contains "accuracy" goes on the right axis, every other on the left. Points are
 * kept in the order they are added; non-finite values are left out (XChart refuses them, and a NaN test loss means
 * there was no test set).
 */
final class Curves {
    private final Map<String, List<double[]>> series = new LinkedHashMap<>();

    /** @return the curves of a finished run: train (and test) loss and accuracy per epoch */
    static Curves of(TrainingHistory history) {
        Curves c = new Curves();
        history.epochs().forEach(c::add);
        return c;
    }

    /** Adds an epoch's points: train loss and accuracy, and the test set's when there is one. */
    void add(EpochStats s) {
        add("train loss", s.epoch(), s.loss());
        add("train accuracy", s.epoch(), s.trainAccuracy());
        add("test loss", s.epoch(), s.testLoss());
        add("test accuracy", s.epoch(), s.testAccuracy());
    }

    /** Adds one point to a series, made at its first point; a non-finite point is left out. */
    void add(String name, double x, double y) {
        if (Double.isFinite(x) && Double.isFinite(y)) {
            series.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {x, y});
        }
    }

    /** @return the number of points over all series */
    int points() {
        return series.values().stream().mapToInt(List::size).sum();
    }

    /** @return the last point of each series, one line each, for a text display */
    String summary(String title) {
        StringBuilder sb = new StringBuilder(title);
        series.forEach((name, pts) -> {
            double[] last = pts.get(pts.size() - 1);
            sb.append(String.format(Locale.ROOT, "%n  %s: %.4g at %s", name, last[1], number(last[0])));
        });
        return sb.toString();
    }

    private static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : String.format(Locale.ROOT, "%g", x);
    }

    static boolean isAccuracy(String name) {
        return name.toLowerCase(Locale.ROOT).contains("accuracy");
    }

    /** @return the curves as an XChart chart of {@code width} × {@code height} pixels */
    XYChart chart(String title, String xTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle).build();
        Styler styler = chart.getStyler();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS); // clear of curves going up and down
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setMarkerSize(4);
        boolean left = series.keySet().stream().anyMatch(n -> !isAccuracy(n));
        boolean right = series.keySet().stream().anyMatch(Curves::isAccuracy);
        chart.setYAxisGroupTitle(0, left ? "loss J" : "accuracy");
        if (left && right) {
            chart.setYAxisGroupTitle(1, "accuracy");
            styler.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            chart.getStyler().setYAxisMin(1, 0.0).setYAxisMax(1, 1.0);
        }
        // a run's loss and accuracy share a colour (solid and dashed): train one colour, test another
        Map<String, Integer> colors = new LinkedHashMap<>();
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            List<double[]> pts = e.getValue();
            double[] xs = pts.stream().mapToDouble(p -> p[0]).toArray();
            double[] ys = pts.stream().mapToDouble(p -> p[1]).toArray();
            XYSeries s = chart.addSeries(e.getKey(), xs, ys);
            s.setMarker(pts.size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            String run = e.getKey().replaceAll("(?i)\\s*(loss|accuracy)$", "");
            int c = colors.computeIfAbsent(run.isEmpty() ? e.getKey() : run, r -> colors.size());
            java.awt.Color color = Pictures.COLORS[c % Pictures.COLORS.length];
            s.setLineColor(color);
            s.setMarkerColor(color);
            if (isAccuracy(e.getKey())) {
                s.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {5f, 3f}, 0f));
                if (left) {
                    s.setYAxisGroup(1);
                }
            }
        }
        return chart;
    }

    /** @return the chart as PNG, base64; an empty chart is drawn as its title and axes alone */
    String png(String title, String xTitle, int width, int height) {
        if (series.isEmpty()) {
            XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle).build();
            chart.addSeries(" ", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE)
                    .setShowInLegend(false);
            return Pictures.png(chart);
        }
        return Pictures.png(chart(title, xTitle, width, height));
    }
}
