package io.github.gradgraph.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.graph.check.PrimitiveCheck;
import io.github.gradgraph.graph.check.PrimitiveCheckReport;
import io.github.gradgraph.graph.check.VariableCheck;
import io.github.gradgraph.graph.ops.Tanh;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class CheckTablesTest {
    private static VariableCheck check(String name, double rel, boolean passed) {
        return new VariableCheck(name, "4×2", rel, rel / 10, passed, 0, 8, passed, null, null);
    }

    @Test
    void gradCheck_oneRowPerVariableWithItsNumbersAndResult() {
        GradCheckReport r = new GradCheckReport(List.of(check("W1", 1.5e-9, true), check("b1", 2.0e-3, false),
                check("W2", 3e-10, true)), 1e-6, 1e-7, 1e-5, 1e-3);
        Rich rich = Show.of(r);
        assertEquals(Set.of(Rich.HTML, Rich.PLAIN), rich.bundle().keySet());
        assertEquals(r.table(), rich.plain());
        Document doc = Fixtures.xml("<div>" + rich.get(Rich.HTML) + "</div>");
        NodeList rows = ((Element) doc.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
        assertEquals(3, rows.getLength());
        assertEquals(List.of("W1", "4×2", "1.500e-09", "1.500e-10", "yes", "8", "0", "pass"), cells(rows, 0));
        assertEquals("FAIL", cells(rows, 1).get(7));
        assertTrue(rich.get(Rich.HTML).contains("gradient check FAILED"), rich.get(Rich.HTML));
    }

    @Test
    void gradCheck_escapesTheUsersText() {
        GradCheckReport r = new GradCheckReport(List.of(check("a<b&\"c\"", 1e-9, true)), 1e-6, 1e-7, 1e-5, 1e-3);
        String html = Show.table(r).get(Rich.HTML);
        assertTrue(html.contains("a&lt;b&amp;&quot;c&quot;"), html);
        assertFalse(html.contains("a<b"), html);
        Document doc = Fixtures.xml("<div>" + html + "</div>");
        assertEquals("a<b&\"c\"", cells(doc.getElementsByTagName("tr"), 1).get(0));
    }

    @Test
    void primitiveCheck_oneRowPerOrderAndOperand() {
        PrimitiveCheckReport r = PrimitiveCheck.of(new Tanh()).input(Shape.of(3, 2), -2, 2).trials(3).run();
        Rich rich = Show.of(r);
        assertEquals(r.table(), rich.plain());
        Document doc = Fixtures.xml("<div>" + rich.get(Rich.HTML) + "</div>");
        NodeList rows = ((Element) doc.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
        assertEquals(r.rows().size(), rows.getLength());
        assertEquals(2, rows.getLength()); // first and second order of the one operand
        assertEquals(List.of("1", "0"), cells(rows, 0).subList(0, 2));
        assertEquals("pass", cells(rows, 1).get(7));
        assertTrue(rich.get(Rich.HTML).contains("primitive check of tanh passed"), rich.get(Rich.HTML));
    }

    @Test
    void primitiveCheck_problemsAreEscaped() {
        PrimitiveCheckReport r = new PrimitiveCheckReport("f<g>", 1, 7, List.of(),
                List.of("the kernel threw <boom> & more"));
        String html = Show.table(r).get(Rich.HTML);
        assertTrue(html.contains("the kernel threw &lt;boom&gt; &amp; more"), html);
        assertTrue(html.contains("f&lt;g&gt; FAILED"), html);
        Fixtures.xml("<div>" + html + "</div>");
    }

    private static List<String> cells(NodeList rows, int i) {
        NodeList tds = ((Element) rows.item(i)).getElementsByTagName("td");
        List<String> out = new java.util.ArrayList<>();
        for (int k = 0; k < tds.getLength(); k++) {
            out.add(tds.item(k).getTextContent());
        }
        return out;
    }
}
