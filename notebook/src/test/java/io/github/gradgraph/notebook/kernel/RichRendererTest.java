package io.github.gradgraph.notebook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.github.gradgraph.notebook.Displayable;
import io.github.gradgraph.notebook.Rich;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.display.DisplayData;

/** The kernel adapter's mapping from a {@link Rich} bundle to the kernel's display message. */
class RichRendererTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());
    private static final List<String> MIMES = List.of(Rich.LATEX, Rich.HTML, Rich.SVG, Rich.PNG, Rich.MARKDOWN,
            "application/json", "text/x-gradgraph");

    private static Rich everyKind() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Rich.PLAIN, "J = mean(A − Y)");
        m.put(Rich.LATEX, "$J = \\frac{1}{m}\\sum (A - Y)$");
        m.put(Rich.SVG, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        m.put(Rich.HTML, "<table><tr><td>J</td></tr></table>");
        m.put(Rich.PNG, "iVBORw0KGgo=");
        return new Rich(m);
    }

    @Test
    void render_keepsEveryRepresentation_unchanged() {
        Rich r = everyKind();
        DisplayData dd = new RichRenderer().render(null, r);
        assertEquals(r.bundle(), dd.data());
        assertEquals("J = mean(A − Y)", dd.data().get("text/plain"));
    }

    @Test
    void render_anyBundle_keepsItsKeysAndText() {
        System.out.println("RichRendererTest seed " + SEED + " (replay with -Dgradgraph.seed=" + SEED + ")");
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(integers().between(0, (1 << MIMES.size()) - 1), strings().allPossible().ofLengthBetween(0, 20))
                .checkAssert((mask, text) -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    for (int i = 0; i < MIMES.size(); i++) {
                        if ((mask & (1 << i)) != 0) {
                            m.put(MIMES.get(i), MIMES.get(i) + ":" + text);
                        }
                    }
                    m.put(Rich.PLAIN, text);
                    DisplayData dd = RichRenderer.displayData(new Rich(m), null);
                    assertEquals(m, dd.data(), "bundle " + m.keySet());
                });
    }

    @Test
    void render_oneTypeAsked_givesItAndTheText() {
        DisplayData dd = new RichRenderer().render("latex", everyKind());
        assertEquals(List.of("text/latex", "text/plain"), sorted(dd.data().keySet()));
        DisplayData svg = new RichRenderer().render("image/svg+xml", everyKind());
        assertEquals(List.of("image/svg+xml", "text/plain"), sorted(svg.data().keySet()));
    }

    @Test
    void render_typeTheBundleLacks_givesTheWholeBundle() {
        Rich r = Rich.of(Rich.HTML, "<b>x</b>", "x");
        assertEquals(r.bundle(), new RichRenderer().render("png", r).data());
        assertTrue(new RichRenderer().canRender(null), "the kernel asks with no type for a cell's value");
    }

    @Test
    void transformer_takesWhatShowKnows_only() {
        ShowTransformer t = new ShowTransformer();
        Rich r = everyKind();
        Displayable d = () -> r;
        assertTrue(t.canTransform(d));
        assertSame(r, t.transform(d));
        assertFalse(t.canTransform("a string"), "the kernel shows other objects its own way");
        assertFalse(t.canTransform(null));
        assertFalse(t.canTransform(r), "a Rich is rendered, not transformed");
        assertEquals(Rich.class, t.transformedClass());
    }

    @Test
    void transformer_asksShowOnce_forCanTransformThenTransform() {
        int[] asked = {0};
        Displayable d = () -> {
            asked[0]++;
            return Rich.of(Rich.HTML, "<i>slow</i>", "slow");
        };
        ShowTransformer t = new ShowTransformer();
        assertTrue(t.canTransform(d));
        assertNotNull(t.transform(d));
        assertEquals(1, asked[0]);
    }

    @Test
    void provider_givesTheRendererAndTheTransformer() {
        GradgraphDisplayProvider p = new GradgraphDisplayProvider();
        assertEquals(Rich.class, p.getDisplayRenderers().get(0).rendererClass());
        assertEquals(Rich.class, p.getDisplayTransformers().get(0).transformedClass());
        var loaded = java.util.ServiceLoader.load(org.rapaio.jupyter.kernel.display.spi.DisplayProvider.class).stream()
                .map(s -> s.type()).toList();
        assertTrue(loaded.contains(GradgraphDisplayProvider.class), "registered in META-INF/services: " + loaded);
    }

    @Test
    void sink_showsWithAFreshId_andUpdatesByIt() {
        List<DisplayData> shown = new ArrayList<>();
        List<DisplayData> updated = new ArrayList<>();
        KernelSink sink = new KernelSink(shown::add, updated::add);
        String id = sink.show(everyKind());
        String other = sink.show(Rich.of(Rich.HTML, "<i>0</i>", "0"));
        sink.update(id, Rich.of(Rich.HTML, "<i>1</i>", "1"));
        assertFalse(id.equals(other));
        assertEquals(id, shown.get(0).getDisplayId());
        assertEquals(everyKind().bundle(), shown.get(0).data());
        assertEquals(id, updated.get(0).getDisplayId());
        assertEquals(Map.of("text/html", "<i>1</i>", "text/plain", "1"), updated.get(0).data());
    }

    @Test
    void jupyterRich_unknownObject_isItsText() {
        assertEquals(Map.of("text/plain", "[1, 2]"), Jupyter.rich(List.of(1, 2)).bundle());
        Rich r = everyKind();
        assertSame(r, Jupyter.rich((Displayable) () -> r));
    }

    private static List<String> sorted(java.util.Collection<String> keys) {
        return keys.stream().sorted().toList();
    }
}
