package io.github.gradgraph.graph.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gradgraph.core.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Formulas a hostile user types: nesting deep enough to overflow a recursive parser, and literals past float64's
 * range. Each is refused at its position, in one line, on a thread with a small stack (as a web server's are).
 */
class HostileFormulaTest {
    /**
     * Runs {@code r} on a thread with a 512 KB stack, half the JVM's default (which a web server's worker threads get),
     * and rethrows what it threw. 256 nested calls take about 1,300 interpreted frames.
     */
    static void onSmallStack(Runnable r) {
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                r.run();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "small-stack", 512 * 1024);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (thrown[0] instanceof RuntimeException e) {
            throw e;
        }
        if (thrown[0] instanceof Error e) {
            throw e;
        }
    }

    static String repeat(String s, int n) {
        return s.repeat(n);
    }

    private static ExpressionException refused(String src) {
        ExpressionException[] e = new ExpressionException[1];
        onSmallStack(() -> e[0] = assertThrows(ExpressionException.class,
                () -> FormulaParser.parse(src, Map.of(), Shape.SCALAR)));
        return e[0];
    }

    @Test
    void parse_parenthesesDeeperThanTheLimit_areRefusedAtTheFirstTooDeepOne() {
        String src = repeat("(", 1500) + "A" + repeat(")", 1500);
        assertEquals("line 1, column 257: nested deeper than 256 levels", refused(src).getMessage());
        String ok = repeat("(", 256) + "A" + repeat(")", 256);
        onSmallStack(() -> FormulaParser.parse(ok, Map.of(), Shape.SCALAR));
    }

    @Test
    void parse_unaryPowerAndCallChains_areRefusedWithTheirPosition() {
        assertEquals("line 1, column 513: nested deeper than 256 levels",
                refused(repeat("- ", 1200) + "A").getMessage());
        assertEquals("line 1, column 257: nested deeper than 256 levels",
                refused(repeat("+", 1200) + "A").getMessage());
        assertEquals("line 1, column 1283: nested deeper than 256 levels",
                refused("A" + repeat(" ** 2", 1200)).getMessage());
        assertEquals("line 1, column 1281: nested deeper than 256 levels",
                refused(repeat("tanh(", 1200) + "A" + repeat(")", 1200)).getMessage());
        assertEquals("line 2, column 257: nested deeper than 256 levels",
                refused("B = 1\n" + repeat("-", 300) + "B").getMessage());
    }

    @Test
    void parse_nestingBelowTheLimit_stillParses() {
        onSmallStack(() -> {
            FormulaParser.parse(repeat("-", 256) + "A", Map.of(), Shape.SCALAR);
            FormulaParser.parse(repeat("exp(", 255) + "A" + repeat(")", 255), Map.of(), Shape.SCALAR);
        });
    }

    @Test
    void parse_literalBeyondFloat64_isRefusedAtItsColumn() {
        assertEquals("line 1, column 3: 1e99999 is beyond float64's range (±1.8e308)",
                refused("A*1e99999").getMessage());
        assertEquals("line 1, column 5: 2e308 is beyond float64's range (±1.8e308)",
                refused("A + 2e308").getMessage());
        assertEquals("line 1, column 9: this constant arithmetic gives Infinity, beyond float64's range (±1.8e308)",
                refused("A*(1e308*10)").getMessage());
        assertEquals("line 1, column 8: this constant arithmetic gives NaN (not a number)",
                refused("A + (0 / 0)").getMessage());
        assertEquals("line 1, column 8: this constant arithmetic gives Infinity, beyond float64's range (±1.8e308)",
                refused("A*(10.0**400)").getMessage());
    }
}
