package io.github.gradgraph.graph.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.CallSite;
import io.github.gradgraph.graph.expr.Formula;
import io.github.gradgraph.graph.expr.FormulaParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LintTest {
    private static Formula parse(String src) {
        return FormulaParser.parse(src, Map.of("Z", Shape.of(3, Dim.M)), Shape.of(3, Dim.M));
    }

    @Test
    void check_expOfLogSoftmax_isBoundedByOne() {
        assertEquals(List.of(), Lint.check(parse("mean(exp(log_softmax(Z)))").result()));
        assertEquals(List.of(), Lint.check(parse("mean(exp(2 * log_softmax(Z) - 1))").result()));
        assertEquals(1, Lint.check(parse("mean(exp(-log_softmax(Z)))").result()).size());
    }

    @Test
    void check_rewrittenFormulaInsideACallersSite_namesTheFormulaPosition() {
        // A caller (the playground) labels what it builds; the rewritten loss keeps the formula's positions.
        Formula f = CallSite.within("playground network", () -> parse("mean(log(Z * Z * 1))"));
        List<String> warnings = CallSite.within("playground network",
                () -> Lint.check(Rewriter.standard().rewrite(f.result())));
        assertEquals(List.of("log of pow#8 (3×m) (at formula line 1, column 6), which can reach 0: its derivative "
                + "1/x is then infinite"), warnings);
    }
}
