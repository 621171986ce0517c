package io.github.gradgraph.graph.expr;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.print.Derivation;
import io.github.gradgraph.graph.print.FormulaPrinter;
import io.github.gradgraph.graph.print.Notation;
import io.github.gradgraph.graph.print.PrintTooLongException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the whole formula path a user reaches — lex, parse, derive, print — with a seed corpus of
 * hostile inputs (thousands of parentheses, long sums, sign and ** chains, literals past float64, a doubling chain of
 * statements): each input ends in a derivation or in {@link ExpressionException} or {@link PrintTooLongException},
 * never in a stack overflow or another exception, and within fifteen seconds (so nothing is quadratic in a long input or
 * exponential in its statements). {@code mvn verify} replays the committed inputs
 * (src/test/resources/…/FormulaPipelineFuzzTestInputs); {@code JAZZER_FUZZ=1 mvn test -pl graph
 * -Dtest=FormulaPipelineFuzzTest} fuzzes.
 */
class FormulaPipelineFuzzTest {
    private static final long LIMIT_NANOS = 15_000_000_000L; // runaway work takes minutes; a loaded machine, seconds

    @FuzzTest(maxDuration = "30s")
    void parseDerivePrint_endsInAResultOrAPositionedError_inTime(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        try {
            Formula f = FormulaParser.parse(text, Map.of(), Shape.SCALAR);
            FormulaPrinter.format(f, Notation.UNICODE);
            List<Node> inputs = new ArrayList<>();
            f.names().values().stream().filter(n -> n.inputs().isEmpty()).forEach(inputs::add);
            if (!inputs.isEmpty()) {
                Derivation.of(f.result(), inputs, Map.of()).format(Notation.LATEX);
            }
        } catch (ExpressionException e) {
            if (!e.getMessage().matches("line \\d+, column \\d+: [^\\n]+")) {
                throw new AssertionError("not one positioned line: " + e.getMessage());
            }
        } catch (PrintTooLongException e) {
            // bounded output, as promised
        } catch (StackOverflowError e) {
            throw new AssertionError("stack overflow on an input of " + text.length() + " characters", e);
        }
        long took = System.nanoTime() - start;
        if (took > LIMIT_NANOS) {
            throw new AssertionError("took " + took / 1_000_000 + " ms on an input of " + text.length()
                    + " characters: " + text.substring(0, Math.min(80, text.length())));
        }
    }
}
