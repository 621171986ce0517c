package io.github.gradgraph.graph.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.expr.Formula;
import io.github.gradgraph.graph.expr.FormulaParser;
import io.github.gradgraph.graph.rewrite.Lint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A formula 2,000 operations deep goes through every walk a formula reaches — rewriting, derivation, lint,
 * compiling, printing — on a thread with a small stack (256 or 512 KB). Before the walks were bounded, the printer overflowed at
 * 300 levels, the derivation at 500 and the rewriter at 1,000.
 */
class DeepFormulaWalksTest {
    @Test
    void derive_twoThousandTermSum_onASmallStack() {
        Formula f = FormulaParser.parse("J = mean(A" + "+A".repeat(1_999) + ")", Map.of(), Shape.of(2, Dim.M));
        Node a = f.node("A");
        // 512 KB: a cold JVM's interpreted frames of the whole pipeline (derive, lint, compile) are several times the
        // compiled ones; the recursive derivation overflowed 256 KB at 500 terms, so 2,000 still need twice this stack or more
        BoundedPrintingTest.onStack(512, () -> {
            Derivation d = Derivation.of(f.result(), List.of(a), Map.of());
            String text = d.format(Notation.UNICODE);
            assertTrue(text.startsWith("J = "), text.substring(0, 40));
            assertTrue(text.contains("dA = "), "the gradient line");
            assertEquals(List.of(), Lint.check(d.loss()));
            Compiler.compile(f.result(), d.gradients().get(0));
        });
    }

    @Test
    void lint_longChainOfShiftsInsideExp_onASmallStack() {
        Formula f = FormulaParser.parse("J = mean(exp(-abs(A)" + "-1".repeat(5_000) + "))", Map.of(), Shape.SCALAR);
        BoundedPrintingTest.onSmallStack(() -> assertEquals(List.of(), Lint.check(f.result())));
    }
}
