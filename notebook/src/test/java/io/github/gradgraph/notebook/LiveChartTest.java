package io.github.gradgraph.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.nn.EpochStats;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LiveChartTest {
    @Test
    void epochs_showOnceThenUpdateTheSameOutput() {
        Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
        LiveChart chart = new LiveChart(sink, "moons", 0);
        assertNull(chart.displayId());
        for (int e = 1; e <= 4; e++) {
            chart.epochEnd(new EpochStats(e, 1.0 / e, 0.5 + 0.1 * e, 1.2 / e, 0.45 + 0.1 * e, 0.01));
        }
        assertEquals(List.of("show display-0", "update display-0", "update display-0", "update display-0"),
                sink.events);
        assertEquals("display-0", chart.displayId());
        Rich last = sink.current.get("display-0");
        assertEquals(Set.of(Rich.PNG, Rich.PLAIN), last.bundle().keySet());
        BufferedImage png = Fixtures.png(last.get(Rich.PNG));
        assertEquals(LiveChart.WIDTH, png.getWidth());
        assertEquals(LiveChart.HEIGHT, png.getHeight());
        assertTrue(last.plain().contains("train loss: 0.2500 at 4"), last.plain());
        assertTrue(last.plain().contains("test accuracy: 0.8500 at 4"), last.plain());
    }

    @Test
    void points_redrawnAtMostOncePerIntervalAndTheLastOnDone() {
        Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
        AtomicLong now = new AtomicLong(1000);
        LiveChart chart = new LiveChart(sink, "loop", 100, now::get);
        chart.add("loss", 0, 2.0);           // first point: shown at once
        now.addAndGet(30);
        chart.add("loss", 1, 1.5);           // 30 ms later: not yet
        now.addAndGet(80);
        chart.add("loss", 2, 1.0);           // 110 ms after the last drawing: redrawn
        now.addAndGet(10);
        chart.add("accuracy", 2, 0.7);       // too soon again
        assertEquals(List.of("show display-0", "update display-0"), sink.events);
        chart.done();
        assertEquals(List.of("show display-0", "update display-0", "update display-0"), sink.events);
        assertTrue(sink.current.get("display-0").plain().contains("accuracy: 0.7000 at 2"));
        chart.close();                       // nothing new: nothing drawn
        assertEquals(3, sink.events.size());
    }

    @Test
    void nonFinitePoints_areLeftOutAndShowNothingAlone() {
        Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
        LiveChart chart = new LiveChart(sink, "nan", 0);
        chart.add("loss", 0, Double.NaN);
        assertTrue(sink.events.isEmpty());
        chart.epochEnd(new EpochStats(1, 0.7, 0.5, Double.NaN, Double.NaN, 0.01));
        assertEquals(List.of("show display-0"), sink.events);
        assertTrue(!sink.current.get("display-0").plain().contains("test"));
        assertEquals(Set.of(Rich.PNG, Rich.PLAIN), Show.of(chart).bundle().keySet());
    }
}
