package io.github.gradgraph.graph.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.expr.Formula;
import io.github.gradgraph.graph.expr.FormulaParser;
import io.github.gradgraph.graph.ops.Ops;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Printing stays bounded in size and in stack depth, whatever the formula. */
class BoundedPrintingTest {
    /** {@code a1 = A*A; a2 = a1*a1; …; mean(a24)}: expanded without names, a24 has 2^24 factors. */
    static String doublingChain(int lines) {
        StringBuilder sb = new StringBuilder("a1 = A*A\n");
        for (int i = 2; i <= lines; i++) {
            sb.append("a").append(i).append(" = a").append(i - 1).append("*a").append(i - 1).append('\n');
        }
        return sb.append("mean(a").append(lines).append(")").toString();
    }

    static void onSmallStack(Runnable r) {
        onStack(256, r);
    }

    /** Runs {@code r} on a thread with a stack of {@code kib} KiB, and rethrows what it threw. */
    static void onStack(int kib, Runnable r) {
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                r.run();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "small-stack", kib * 1024L);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (thrown[0] != null) {
            throw new AssertionError(thrown[0]);
        }
    }

    @Test
    void expand_doublingChainWithoutNames_stopsAtTheBudgetBeforeBuildingTheText() {
        Formula f = FormulaParser.parse(doublingChain(24), Map.of(), Shape.SCALAR);
        ExpressionPrinter printer = new ExpressionPrinter(Notation.UNICODE, n -> null);
        long start = System.nanoTime();
        PrintTooLongException e = assertThrows(PrintTooLongException.class, () -> printer.expand(f.result()));
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "stopped early");
        assertEquals(ExpressionPrinter.DEFAULT_BUDGET, e.budget());
        assertEquals("printing " + f.result().describe() + " takes more than 200,000 characters (unnamed subexpressions print in full "
                + "wherever they are used); name intermediate results, or print a formula statement by statement "
                + "(FormulaPrinter)", e.getMessage());
    }

    @Test
    void budget_countsEveryCallOfOnePrinter() {
        Graph g = new Graph();
        Node a = g.input("A", Shape.SCALAR);
        Node sum = Ops.add(a, a);
        ExpressionPrinter printer = new ExpressionPrinter(Notation.UNICODE, n -> null, 12);
        assertEquals("A + A", printer.expand(sum));
        assertEquals("A + A", printer.print(sum));
        assertThrows(PrintTooLongException.class, () -> printer.print(sum));
    }

    @Test
    void formulaPrinter_doublingChain_printsOneLinePerStatementInLinearSize() {
        Formula f = FormulaParser.parse(doublingChain(24) + "\nb = a24\nc = A", Map.of(), Shape.SCALAR);
        List<String> lines = FormulaPrinter.lines(f, Notation.UNICODE, ExpressionPrinter.DEFAULT_BUDGET);
        assertEquals(27, lines.size());
        assertEquals("a[1] = A ⊙ A", lines.get(0));
        assertEquals("a[24] = a[23] ⊙ a[23]", lines.get(23));
        assertEquals("1·Σ a[24]", lines.get(24)); // the mean of a 1×1 value
        assertEquals("b = a[24]", lines.get(25));
        assertEquals("c = A", lines.get(26));
        assertTrue(String.join("\n", lines).length() < 1000, "linear in the formula");
        assertTrue(FormulaPrinter.format(f, Notation.LATEX).contains("a^{[2]} = a^{[1]} \\odot a^{[1]}"));
    }

    @Test
    void expand_sumOfTwoThousandTerms_printsOnASmallStack() {
        String src = "A" + "+A".repeat(1_999);
        Formula f = FormulaParser.parse("J = " + src, Map.of(), Shape.SCALAR);
        onSmallStack(() -> {
            String text = new ExpressionPrinter(Notation.UNICODE, n -> null).expand(f.result());
            assertEquals(src.replace("+", " + "), text);
            String latex = new ExpressionPrinter(Notation.LATEX, n -> null).expand(f.result());
            assertEquals(src.replace("+", " + "), latex);
        });
    }

    @Test
    void expand_sumOfTwentyThousandTerms_isRefusedForItsWorkNotItsStack() {
        Formula f = FormulaParser.parse("J = A" + "+A".repeat(19_999), Map.of(), Shape.SCALAR);
        onSmallStack(() -> {
            PrintTooLongException e = assertThrows(PrintTooLongException.class,
                    () -> new ExpressionPrinter(Notation.UNICODE, n -> null).expand(f.result()));
            assertTrue(e.getMessage().startsWith("printing J (1×1) builds more than 20,000,000 characters of "
                    + "intermediate text"), e.getMessage());
        });
    }

    @Test
    void numbers_infinityNaNAndHugeValues_printByName() {
        assertEquals("∞", Numbers.format(Double.POSITIVE_INFINITY));
        assertEquals("−∞", Numbers.format(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", Numbers.format(Double.NaN));
        assertEquals("1.79769e+308", Numbers.format(Double.MAX_VALUE));
        assertEquals("4.9E-324", Numbers.format(Double.MIN_VALUE));
        assertEquals("0.5", Numbers.format(0.5));
        Graph g = new Graph();
        Node scaled = Ops.scale(g.input("A", Shape.SCALAR), Double.POSITIVE_INFINITY);
        assertEquals("∞·A", new ExpressionPrinter(Notation.UNICODE, n -> null).expand(scaled));
    }
}
