package io.github.gradgraph.notebook;

import io.github.gradgraph.nn.EpochStats;
import io.github.gradgraph.nn.Trainer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A notebook's progress bar for training: a chart of the loss (and accuracy) that redraws itself in one output as the
 * points arrive. It shows itself on its {@link DisplaySink} at the first point and from then on replaces that same
 * output, at most once per redraw interval (a PNG of 640×360, cheap enough to redraw every point when the interval
 * is 0); {@link #done()} or {@link #close()} draws the last state.
 *
 * <pre>{@code
 * try (LiveChart chart = new LiveChart(sink, "moons, 2-4-1 tanh")) {
 *     trainer.fit(store, train, test, plan, chart);          // one point per epoch
 * }
 * // or in a loop of your own:
 * chart.add("loss", step, j);
 * }</pre>
 *
 * <p>Series whose name contains "accuracy" are drawn on a right-hand axis in [0, 1]. Methods are synchronized: a
 * training thread may add while the notebook's thread reads {@link #rich()}.
 */
public final class LiveChart implements Trainer.Listener, Displayable, AutoCloseable {
    /** The default least time between two redraws, in milliseconds. */
    public static final long DEFAULT_INTERVAL_MILLIS = 250;
    static final int WIDTH = 640;
    static final int HEIGHT = 360;

    private final DisplaySink sink;
    private final String title;
    private final long intervalMillis;
    private final LongSupplier clock;
    private final Curves curves = new Curves();
    private String xTitle = "step";
    private String id;
    private long lastDraw;
    private boolean stale;

    /** A chart redrawn at most every {@value #DEFAULT_INTERVAL_MILLIS} ms. */
    public LiveChart(DisplaySink sink, String title) {
        this(sink, title, DEFAULT_INTERVAL_MILLIS);
    }

    /**
     * @param sink           where the chart is shown and then updated
     * @param title          the chart's title
     * @param intervalMillis the least time between two redraws, ≥ 0; 0 redraws at every point
     */
    public LiveChart(DisplaySink sink, String title, long intervalMillis) {
        this(sink, title, intervalMillis, () -> System.nanoTime() / 1_000_000);
    }

    LiveChart(DisplaySink sink, String title, long intervalMillis, LongSupplier clockMillis) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.title = Objects.requireNonNull(title, "title");
        if (intervalMillis < 0) {
            throw new IllegalArgumentException("a redraw interval is ≥ 0 ms, got " + intervalMillis);
        }
        this.intervalMillis = intervalMillis;
        this.clock = clockMillis;
    }

    /** Adds the epoch's train loss and accuracy, and the test set's when there is one, then redraws when due. */
    @Override
    public synchronized void epochEnd(EpochStats stats) {
        xTitle = "epoch";
        curves.add(stats);
        changed();
    }

    /**
     * Adds one point, for a training loop of one's own, then redraws when due.
     *
     * @param series the curve's name, such as {@code "loss"} or {@code "test accuracy"}
     * @param x      the step or epoch
     * @param y      the value; a non-finite one is left out
     */
    public synchronized void add(String series, double x, double y) {
        curves.add(Objects.requireNonNull(series, "series"), x, y);
        changed();
    }

    /** Draws the last state, if a point came after the last redraw. */
    public synchronized void done() {
        if (stale) {
            draw();
        }
    }

    /** As {@link #done()}. */
    @Override
    public void close() {
        done();
    }

    /** @return the chart as it stands (PNG, and the last value of each series as text) */
    @Override
    public synchronized Rich rich() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Rich.PNG, curves.png(title, xTitle, WIDTH, HEIGHT));
        m.put(Rich.PLAIN, curves.summary(title));
        return new Rich(m);
    }

    /** @return the id the sink gave the chart, or null before its first point */
    public synchronized String displayId() {
        return id;
    }

    private void changed() {
        if (curves.points() == 0) {
            return; // only non-finite values so far: nothing to draw
        }
        stale = true;
        if (id == null || clock.getAsLong() - lastDraw >= intervalMillis) {
            draw();
        }
    }

    private void draw() {
        Rich r = rich();
        if (id == null) {
            id = sink.show(r);
        } else {
            sink.update(id, r);
        }
        lastDraw = clock.getAsLong();
        stale = false;
    }
}
