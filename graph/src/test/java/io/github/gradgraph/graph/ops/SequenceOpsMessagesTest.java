package io.github.gradgraph.graph.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.FeedException;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.ShapeException;
import io.github.gradgraph.graph.exec.Compiler;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The sequence primitives' values on a worked example, and their refusals naming the op, operand and culprit. */
class SequenceOpsMessagesTest {
    @Test
    void gatherOneHotAndScatterAdd_onAWorkedExample() {
        Graph g = new Graph();
        Node e = g.constant(new DMatrixRMaj(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        Node ids = g.input("ids", 2, Dim.M);
        Node gathered = SequenceOps.gather(e, ids);
        Node oneHot = SequenceOps.oneHot(ids, 3);
        Node back = SequenceOps.scatterAdd(gathered, ids, 3);
        var v = Compiler.compileAsWritten(gathered, oneHot, back).run(Map.of("ids",
                new DMatrixRMaj(new double[][] {{2, -1}, {2, 0}})), new ParameterStore());
        // column 0 reads E[:, 2] twice; column 1 nothing, then E[:, 0]
        assertArrayEquals(new double[] {3, 0, 6, 0, 3, 1, 6, 4}, java.util.Arrays.copyOf(v.get(gathered).data, 8));
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0},
                java.util.Arrays.copyOf(v.get(oneHot).data, 12));
        // E[:, 2] gathered twice adds up twice; E[:, 0] once; E[:, 1] never
        assertArrayEquals(new double[] {1, 0, 6, 4, 0, 12}, java.util.Arrays.copyOf(v.get(back).data, 6));
    }

    @Test
    void shapeRefusals_nameTheOpAndTheOperand() {
        Graph g = new Graph();
        Node x = g.input("X", 60, Dim.M);
        ShapeException e = assertThrows(ShapeException.class, () -> SequenceOps.rowSlice(x, 40, 40));
        assertTrue(e.getMessage().startsWith("rows X (60×m): rows 40…79 run past its 60 rows"), e.getMessage());
        Node a = g.input("a", 3, Dim.M);
        Node w = g.parameter("W", 3, 4);
        e = assertThrows(ShapeException.class, () -> SequenceOps.rowConcat(a, w));
        assertTrue(e.getMessage().startsWith("row_concat a (3×m) and W (3×4): columns m ≠ 4"), e.getMessage());
    }

    @Test
    void aBadId_isNamedWithItsPlace_beforeAnythingIsWritten() {
        Graph g = new Graph();
        Node ids = g.input("ids", 2, Dim.M);
        Node oneHot = SequenceOps.oneHot(ids, 27);
        var program = Compiler.compileAsWritten(oneHot);
        GraphException e = assertThrows(GraphException.class, () -> program.run(Map.of("ids",
                new DMatrixRMaj(new double[][] {{3, 4}, {27, 0}})), new ParameterStore()));
        assertTrue(e.getMessage().endsWith("failed: onehot: token id 27.0 at row 1, column 0 is not a whole number "
                + "from −1 (no token) to 26 (a vocabulary of 27)"), e.getMessage());
        assertTrue(e.getCause() instanceof FeedException);
        e = assertThrows(GraphException.class, () -> program.run(Map.of("ids",
                new DMatrixRMaj(new double[][] {{3, 0.5}, {2, 0}})), new ParameterStore()));
        assertTrue(e.getMessage().contains("0.5 at row 0, column 1"), e.getMessage());
    }
}
