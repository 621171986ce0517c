package io.github.gradgraph.graph.expr;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.print.ExpressionPrinter;
import io.github.gradgraph.graph.print.Notation;
import io.github.gradgraph.graph.print.PrintTooLongException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random deep, long and huge-literal formulas, and image calls nested deep or with keyword sizes far past 2³¹: each
 * parses and prints, or is refused with an {@link ExpressionException} whose message is one positioned line (or a
 * {@link PrintTooLongException}), within fifteen seconds. Prints its seed; {@code -Dgradgraph.seed=…} reruns a failure.
 */
class HostileFormulaPropertyTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());

    /** A formula of one hostile kind, {@code n} levels or terms long, with random operators and literals. */
    static String formula(int kind, int n, Random r) {
        StringBuilder sb = new StringBuilder();
        switch (kind) {
            case 0 -> sb.append("(".repeat(n)).append("A").append(")".repeat(n));
            case 1 -> {
                sb.append("A");
                for (int i = 1; i < n; i++) {
                    sb.append("+-*/".charAt(r.nextInt(4))).append(r.nextBoolean() ? "A" : "B");
                }
            }
            case 2 -> sb.append("- ".repeat(n)).append("A");
            case 3 -> sb.append("A").append(" ** 1".repeat(n));
            case 4 -> sb.append("exp(".repeat(n % 400)).append("A").append(")".repeat(n % 400));
            case 5 -> sb.append("A * ").append(r.nextInt(10)).append("e").append(r.nextInt(n + 1) * (r.nextBoolean()
                    ? 1 : -1));
            case 7 -> sb.append("maxpool(".repeat(n % 400)).append("A").append(", image=[1,1,1], f=1)".repeat(n % 400));
            case 8 -> sb.append("conv2d(A, A, image=[").append(digits(n, r)).append(',').append(digits(n, r))
                    .append(",1], f=").append(digits(n, r)).append(", stride=").append(digits(n, r)).append(", pad=")
                    .append(r.nextBoolean() ? "same" : digits(n, r)).append(')');
            default -> {
                sb.append("a0 = A\n");
                for (int i = 1; i < n % 60; i++) {
                    sb.append("a").append(i).append(" = a").append(i - 1).append(r.nextBoolean() ? " * " : " + ")
                            .append("a").append(i - 1).append('\n');
                }
                sb.append("a").append(Math.max(0, n % 60 - 1));
            }
        }
        return sb.toString();
    }

    /** @return a whole number of 1 to {@code n} digits, most often small, sometimes far past 2³¹ */
    private static String digits(int n, Random r) {
        int length = r.nextInt(4) == 0 ? 1 + r.nextInt(n) : 1 + r.nextInt(2);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('0' + (i == 0 ? 1 + r.nextInt(9) : r.nextInt(10))));
        }
        return sb.toString();
    }

    @Test
    void parseAndPrint_hostileFormulas_succeedOrArePositionedErrors_inTime() {
        System.out.println("HostileFormulaPropertyTest seed " + SEED);
        qt().withFixedSeed(SEED).withExamples(120)
                .forAll(integers().between(0, 8), integers().between(1, 3000), integers().between(0, 1 << 20))
                .checkAssert((kind, n, salt) -> {
                    String src = formula(kind, n, new Random(SEED + 7919L * salt));
                    long start = System.nanoTime();
                    try {
                        Formula f = FormulaParser.parse(src, Map.of(), Shape.SCALAR);
                        new ExpressionPrinter(Notation.UNICODE, x -> null).expand(f.result());
                    } catch (ExpressionException e) {
                        assertTrue(e.getMessage().matches("line \\d+, column \\d+: [^\\n]+"), e.getMessage());
                    } catch (PrintTooLongException e) {
                        assertTrue(e.getMessage().startsWith("printing "), e.getMessage());
                    }
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertTrue(ms < 15_000, "kind " + kind + ", n " + n + " took " + ms + " ms (seed " + SEED + ")");
                });
    }
}
