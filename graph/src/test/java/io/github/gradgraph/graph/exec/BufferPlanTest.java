package io.github.gradgraph.graph.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Ops;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class BufferPlanTest {
    @Test
    void aChainOfElementwiseOps_reusesStorage() {
        Graph g = new Graph();
        Node x = g.input("X", 10, Dim.M);
        Node y = x;
        for (int i = 0; i < 20; i++) {
            y = Ops.tanh(y);
        }
        Program p = Compiler.compileAsWritten(y);
        // Without reuse 20 buffers of 10×m; with liveness reuse two alternate, plus the output.
        assertTrue(p.bufferBytes(100) <= 3L * 8 * 10 * 100, "bytes " + p.bufferBytes(100));
        DMatrixRMaj in = new DMatrixRMaj(10, 100);
        in.fill(0.3);
        double expected = 0.3;
        for (int i = 0; i < 20; i++) {
            expected = Math.tanh(expected);
        }
        assertEquals(expected, p.run(Map.of("X", in)).get(y).get(9, 99), 0.0);
    }

    @Test
    void outputsSurviveLaterSteps() {
        Graph g = new Graph();
        Node x = g.input("X", 2, Dim.M);
        Node a = Ops.exp(x);
        Node b = Ops.tanh(Ops.tanh(Ops.tanh(a)));
        Program p = Compiler.compileAsWritten(a, b);
        DMatrixRMaj in = new DMatrixRMaj(new double[][] {{0, 1}, {2, 3}});
        Values v = p.run(Map.of("X", in));
        assertEquals(Math.exp(3), v.get(a).get(1, 1), 0.0);
        assertEquals(Math.tanh(Math.tanh(Math.tanh(Math.exp(3)))), v.get(b).get(1, 1), 0.0);
    }
}
