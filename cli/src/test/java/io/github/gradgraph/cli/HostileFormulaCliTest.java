package io.github.gradgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Hostile formulas on the command line: one line on stderr and exit 2, never a stack trace. */
class HostileFormulaCliTest {
    @Test
    void derive_fifteenHundredParentheses_isOneLineAndExitTwo() {
        String expr = "mean(" + "(".repeat(1500) + "A" + ")".repeat(1500) + ")";
        CliTest.Run r = CliTest.run("derive", "--expr", expr);
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertEquals("gradgraph: line 1, column 261: nested deeper than 256 levels", r.err().lines().findFirst()
                .orElseThrow().replaceAll(" \\(see .*\\)$", ""));
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void derive_literalBeyondFloat64_isPositionedAndExitTwo() {
        CliTest.Run r = CliTest.run("derive", "--expr", "mean(A*1e99999)");
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertEquals("gradgraph: line 1, column 8: 1e99999 is beyond float64's range (±1.8e308)",
                r.err().lines().findFirst().orElseThrow().replaceAll(" \\(see .*\\)$", ""));
    }

    @Test
    void eval_literalBeyondFloat64_isExitTwo() {
        CliTest.Run r = CliTest.run("eval", "--expr", "A + 1e99999");
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertFalse(r.err().contains("BigDecimal") || r.err().contains("\tat "), r.err());
    }

    @Test
    void stackOverflowAnywhere_becomesOneLineAndExitTwo() {
        CommandLine cl = new CommandLine(new GradgraphCommand());
        StringWriter text = new StringWriter();
        int code = Main.report(new picocli.CommandLine.ExecutionException(cl, "boom", new StackOverflowError()), cl,
                new PrintWriter(text, true), false);
        assertEquals(Main.BAD_INPUT, code);
        assertEquals(Main.TOO_DEEP + System.lineSeparator(), text.toString());
    }
}
