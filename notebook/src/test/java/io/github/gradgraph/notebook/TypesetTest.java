package io.github.gradgraph.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.expr.Formula;
import io.github.gradgraph.graph.expr.FormulaParser;
import io.github.gradgraph.graph.print.Derivation;
import io.github.gradgraph.nn.Network;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TypesetTest {
    @Test
    void derivation_typesetsTheSeedsBackwardPassInTheCoursesNotation() {
        Rich r = Show.derivation(Fixtures.seedDerivation());
        assertEquals(Set.of(Rich.LATEX, Rich.PLAIN), r.bundle().keySet());
        String latex = r.get(Rich.LATEX);
        assertTrue(latex.startsWith("$$\\begin{aligned}\n") && latex.endsWith("\\end{aligned}$$"), latex);
        assertTrue(latex.contains("dW^{[1]} &= \\frac{1}{m} dZ^{[1]} A^{[0]\\top}"), latex);
        assertTrue(latex.contains("dW^{[2]} &= \\frac{1}{m} dZ^{[2]} A^{[1]\\top}"), latex);
        assertTrue(latex.contains("dZ^{[2]} &= A^{[2]} - Y"), latex);
        assertTrue(latex.contains("db^{[1]} &="), latex);
        assertTrue(latex.contains("Z^{[1]} &= W^{[1]} A^{[0]} + b^{[1]}"), latex);
        assertFalse(latex.contains("\\\\\n\\end{aligned}"), "no empty last row: " + latex);
        String plain = r.plain();
        assertTrue(plain.contains("dW[1] = (1/m)·dZ[1]·A[0]ᵀ"), plain);
        assertEquals(Show.of(Fixtures.seedDerivation()), r);
    }

    @Test
    void derivation_everyEquationIsOneAlignedRow() {
        Derivation d = Fixtures.seedDerivation();
        String latex = Show.derivation(d).get(Rich.LATEX);
        long rows = latex.lines().filter(l -> l.contains(" &= ")).count();
        assertEquals(d.equations().size(), rows, latex);
        // forward and derived rows are set apart, as the text's blank line
        assertEquals(1, latex.split("\\\\\\\\\\[1ex\\]", -1).length - 1, latex);
    }

    @Test
    void node_namedNodePrintsAsItsEquation() {
        Network net = Fixtures.seed();
        Rich r = Show.of(net.output());
        assertEquals(Set.of(Rich.LATEX, Rich.PLAIN), r.bundle().keySet());
        String latex = r.get(Rich.LATEX);
        assertTrue(latex.startsWith("$$") && latex.endsWith("$$"), latex);
        assertTrue(latex.contains("\\sigma\\left("), latex);
        assertTrue(latex.contains("W^{[2]}"), latex);
        assertTrue(r.plain().contains("σ("), r.plain());
    }

    @Test
    void node_leafPrintsByItsName() {
        Node w = Fixtures.seed().parameters().get(0);
        assertEquals("$$W^{[1]}$$", Show.latex(w).get(Rich.LATEX));
        assertEquals("W[1]", Show.latex(w).plain());
    }

    @Test
    void formula_oneRowPerStatementAlignedAtAssignments() {
        Formula f = FormulaParser.parse("Z = W @ X + b\nA = tanh(Z)\nmean(A * A)",
                Map.of("W", Shape.of(3, 2), "b", Shape.of(3, 1), "X", Shape.of(2, 5)), Shape.of(1, 1));
        Rich r = Show.of(f);
        String latex = r.get(Rich.LATEX);
        assertTrue(latex.contains("Z &= W"), latex);
        assertTrue(latex.contains("A &= \\tanh\\left(Z\\right)"), latex);
        assertEquals(3, latex.lines().filter(l -> l.contains("&")).count(), latex);
        assertEquals(List.of("Z = W·X + b", "A = tanh(Z)"), r.plain().lines().limit(2).toList());
    }
}
