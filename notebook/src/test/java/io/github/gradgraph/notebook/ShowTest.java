package io.github.gradgraph.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.nn.EpochStats;
import io.github.gradgraph.nn.TrainingHistory;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShowTest {
    @Test
    void of_unknownObjectsAreNull() {
        assertNull(Show.of("a string"));
        assertNull(Show.of(42));
        assertNull(Show.of(null));
    }

    @Test
    void of_richAndDisplayableShowThemselves() {
        Rich r = Rich.of(Rich.HTML, "<b>x</b>", "x");
        assertSame(r, Show.of(r));
        Displayable d = () -> r;
        assertSame(r, Show.of(d));
    }

    @Test
    void chart_lossAndAccuracyCurvesAsPng() {
        TrainingHistory h = new TrainingHistory(List.of(new EpochStats(1, 0.69, 0.5, 0.7, 0.48, 0.1),
                new EpochStats(2, 0.4, 0.8, 0.45, 0.78, 0.1), new EpochStats(3, 0.2, 0.95, 0.3, 0.9, 0.1)), 2, 3);
        Rich r = Show.of(h);
        assertEquals(Set.of(Rich.PNG, Rich.PLAIN), r.bundle().keySet());
        BufferedImage png = Fixtures.png(r.get(Rich.PNG));
        assertEquals(Show.CHART_WIDTH, png.getWidth());
        assertEquals(Show.CHART_HEIGHT, png.getHeight());
        assertTrue(r.plain().startsWith("training: 3 epochs, stopped early after 3 (kept epoch 2)"), r.plain());
        assertTrue(r.plain().contains("train loss: 0.2000 at 3"), r.plain());
        assertTrue(r.plain().contains("test loss: 0.3000 at 3"), r.plain());
    }

    @Test
    void chart_emptyHistoryStillDraws() {
        Rich r = Show.chart(new TrainingHistory(List.of()));
        assertEquals(Show.CHART_WIDTH, Fixtures.png(r.get(Rich.PNG)).getWidth());
    }

    @Test
    void of_everyKnownTypeGivesItsMimeTypes() {
        Map<Object, Set<String>> expected = Map.of(
                Fixtures.seed().loss(), Set.of(Rich.LATEX, Rich.PLAIN),
                Fixtures.seedDerivation(), Set.of(Rich.LATEX, Rich.PLAIN),
                Show.graph(Fixtures.seed().loss()), Set.of(Rich.HTML, Rich.SVG, Rich.PLAIN));
        expected.forEach((o, mimes) -> assertEquals(mimes, Show.of(o).bundle().keySet(), o.toString()));
    }
}
