package io.github.gradgraph.graph.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.ops.Functions;
import io.github.gradgraph.graph.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gradients and compile inside the training loop grow the graph every step: warned once, with the line and fix. */
class GrowthGuardTest {
    private final List<String> warnings = new ArrayList<>();
    private final Logger logger = Logger.getLogger("io.github.gradgraph.graph");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            warnings.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Graph g = new Graph();
    private final Node x = g.input("X", 2, Dim.M);
    private final Node w = g.parameter("w", 1, 2);
    private final Node j = Functions.mean(Ops.tanh(Ops.matmul(w, x)));
    private final ParameterStore store = new ParameterStore();
    private final Map<String, DMatrixRMaj> feeds = Map.of("X", new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}}));

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
        store.set(w, new DMatrixRMaj(new double[][] {{0.1, -0.2}}));
    }

    @AfterEach
    void stop() {
        logger.removeHandler(capture);
    }

    @Test
    void derivingAndCompilingInTheLoop_warnsOnce_namingTheLineAndTheFix() {
        for (int step = 0; step < 3 * GrowthGuard.STREAK; step++) {
            Node dw = Autodiff.gradient(j, w); // the habit from define-by-run frameworks
            Compiler.compile(j, dw).run(feeds, store);
        }
        assertEquals(1, warnings.size(), warnings.toString());
        String m = warnings.get(0);
        assertTrue(m.contains("the graph grew from ") && m.contains("over " + GrowthGuard.STREAK + " compiles"), m);
        assertTrue(m.contains("(the last at GrowthGuardTest.java:"), m);
        assertTrue(m.contains("Build them once"), m);
    }

    @Test
    void buildOnceRunMany_isQuiet() {
        Program p = Compiler.compile(j, Autodiff.gradient(j, w));
        for (int step = 0; step < 3 * GrowthGuard.STREAK; step++) {
            p.run(feeds, store);
        }
        for (int k = 0; k < 3 * GrowthGuard.STREAK; k++) { // compiling the same outputs again adds nothing
            Compiler.compileAsWritten(j);
        }
        assertEquals(List.of(), warnings);
    }
}
