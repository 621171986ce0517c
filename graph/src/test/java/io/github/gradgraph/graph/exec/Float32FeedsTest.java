package io.github.gradgraph.graph.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.FeedException;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.NonFiniteException;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.ops.Functions;
import io.github.gradgraph.graph.ops.Ops;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Feeds already in float32: what a float32 program does with them, and what every program says about wrong ones. */
class Float32FeedsTest {
    private final Graph g = new Graph();
    private final Node x = g.input("X", 2, Dim.M);
    private final Node w = g.parameter("w", 1, 2);
    private final Node j = Functions.mean(Ops.log(Ops.matmul(w, x)));
    private final ParameterStore store = new ParameterStore();

    Float32FeedsTest() {
        store.set(w, new DMatrixRMaj(new double[][] {{2, 3}}));
    }

    @Test
    void aFloat32Feed_isReadInPlace_andAFeedAskedForAsAnOutput_readsWidened() {
        Program p = Compiler.compile(List.of(j, x), DType.F32);
        FMatrixRMaj x32 = new FMatrixRMaj(new float[][] {{1, 2, 0.1f}, {3, 4, 0.7f}});
        Values v = p.run(Map.of("X", x32), store);
        assertSame(x32, v.getFloat(x), "the feed itself, not a copy");
        assertEquals(0.1f, (float) v.get(x).get(0, 2), 0f);
        assertEquals((double) 0.1f, v.get(x).get(0, 2), 0.0, "widened exactly, not 0.1");
        double expected = (Math.log(2 + 9) + Math.log(4 + 12) + Math.log(2 * 0.1f + 3 * 0.7f)) / 3;
        assertEquals(expected, v.get(j).get(0, 0), 1e-6);
    }

    @Test
    void aFloat64Program_refusesFloat32Feeds_namingTheFix() {
        FeedException e = assertThrows(FeedException.class,
                () -> Compiler.compile(j).run(Map.of("X", new FMatrixRMaj(2, 3)), store));
        assertEquals("feed 'X' is a FMatrixRMaj: this program computes in float64 and takes DMatrixRMaj feeds "
                + "(float32 feeds go to a program compiled for DType.F32)", e.getMessage());
        FeedException sparse = assertThrows(FeedException.class,
                () -> Compiler.compile(List.of(j), DType.F32).run(Map.of("X", new DMatrixSparseCSC(2, 3)), store));
        assertEquals("feed 'X' is a DMatrixSparseCSC; feeds are DMatrixRMaj or FMatrixRMaj", sparse.getMessage());
    }

    @Test
    void float32Feeds_areChecked_asFloat64OnesAre() {
        Program p = Compiler.compile(List.of(j), DType.F32);
        FeedException shape = assertThrows(FeedException.class,
                () -> p.run(Map.of("X", new FMatrixRMaj(3, 2)), store));
        assertTrue(shape.getMessage().startsWith("feed 'X' is 3×2 but input X (2×m) expects 2×m: samples are "
                + "columns here"), shape.getMessage());
        FMatrixRMaj bad = new FMatrixRMaj(new float[][] {{1, 2, 3}, {4, Float.NaN, 6}});
        FeedException nan = assertThrows(FeedException.class, () -> p.run(Map.of("X", bad), store));
        assertEquals("feed 'X' has NaN at row 1, column 1; values must be finite", nan.getMessage());
        NonFiniteException unchecked = assertThrows(NonFiniteException.class,
                () -> p.run(Map.of("X", bad), store, Checks.SHAPES));
        assertTrue(unchecked.getMessage().contains("first node not finite: X (2×m) = input() made at "
                + "Float32FeedsTest.java:"), unchecked.getMessage());
        assertTrue(unchecked.getMessage().endsWith("NaN at row 1, column 1"), unchecked.getMessage());
    }
}
