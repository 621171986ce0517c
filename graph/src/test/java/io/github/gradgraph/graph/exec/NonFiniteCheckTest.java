package io.github.gradgraph.graph.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.NonFiniteException;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.ops.Functions;
import io.github.gradgraph.graph.ops.Ops;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** A run checks its outputs by default and names the node where a NaN or ∞ started, with its operands' values. */
class NonFiniteCheckTest {
    private final Graph g = new Graph();
    private final Node x = g.input("X", 1, Dim.M);
    private final Node w = g.parameter("w", 1, 1);
    private final ParameterStore store = new ParameterStore();
    private final Map<String, DMatrixRMaj> feeds = Map.of("X", new DMatrixRMaj(new double[][] {{1, 2, 3, 0, 5}}));

    NonFiniteCheckTest() {
        store.set(w, new DMatrixRMaj(new double[][] {{2}}));
    }

    @Test
    void aLogOfZero_isNamedWithItsSourceLine_rowColumn_andOperand() {
        Node logX = Ops.log(x).named("logX"); int line = lineOf(); // the line the message must name
        Node j = Functions.mean(Ops.mul(w, logX));
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> Compiler.compile(j).run(feeds, store));
        String m = e.getMessage();
        assertTrue(m.startsWith(j.describe() + " is not finite (-Infinity at row 0, column 0)"), m);
        assertTrue(m.contains("first node not finite: logX (1×m) = log(X) made at NonFiniteCheckTest.java:" + line
                + ": -Infinity at row 0, column 3, where X = 0.0"), m);
    }

    @Test
    void theNodeWhereItStarted_isNamed_notTheLastOneItReached() {
        Node ratio = Ops.div(w, Ops.sub(x, x)); // 2 / 0 = ∞ everywhere, then ∞ − ∞ = NaN downstream
        Node j = Functions.mean(Ops.sub(ratio, ratio));
        NonFiniteException e = assertThrows(NonFiniteException.class,
                () -> Compiler.compileAsWritten(j).run(feeds, store));
        assertTrue(e.getMessage().contains("= div(w, sub#"), e.getMessage());
        assertTrue(e.getMessage().contains("where w = 2.0, sub#"), e.getMessage());
    }

    @Test
    void checksNone_returnsTheNaNSilently_forCodeThatChecksItself() {
        Node j = Functions.mean(Ops.log(x));
        double v = Compiler.compileAsWritten(j).run(feeds, store, Checks.NONE).scalar(j);
        assertEquals(Double.NEGATIVE_INFINITY, v);
        assertThrows(NonFiniteException.class, () -> Compiler.compileAsWritten(j).run(feeds, store, Checks.SHAPES));
    }

    @Test
    void finiteRuns_areUnchanged_andNothingTheCallerOwnsIsModified() {
        DMatrixRMaj before = store.get(w).copy();
        Node j = Functions.mean(Ops.mul(w, Ops.exp(x)));
        double v = Compiler.compile(j).run(feeds, store).scalar(j);
        assertEquals(2 * (Math.E + Math.exp(2) + Math.exp(3) + 1 + Math.exp(5)) / 5, v, 1e-12);
        assertEquals(before.data[0], store.get(w).data[0], 0.0);
    }

    private static int lineOf() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow().getLineNumber());
    }
}
