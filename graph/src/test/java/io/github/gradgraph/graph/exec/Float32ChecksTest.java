package io.github.gradgraph.graph.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;

/**
 * A float32 program's checks say what float32 adds to float64's: a feed or parameter beyond float32's range is named
 * (before anything runs when the feeds are checked, in the output check's diagnosis when they are not), and a value
 * that overflows only in float32 is found where it started.
 */
class Float32ChecksTest {
    private final Graph g = new Graph();
    private final Node x = g.input("X", 1, Dim.M);
    private final Node w = g.parameter("w", 1, 1);
    private final ParameterStore store = new ParameterStore();

    Float32ChecksTest() {
        store.set(w, new DMatrixRMaj(new double[][] {{2}}));
    }

    private static Map<String, DMatrixRMaj> feed(double... row) {
        return Map.of("X", new DMatrixRMaj(new double[][] {row}));
    }

    @Test
    void aFeedBeyondFloat32sRange_isRefusedBeforeAnythingRuns_whenFeedsAreChecked() {
        Node j = Functions.mean(Ops.mul(w, x));
        Program p = Compiler.compile(List.of(j), DType.F32);
        FeedException e = assertThrows(FeedException.class, () -> p.run(feed(1, 2, -1e39), store));
        assertEquals("feed 'X': -1.0E39 at row 0, column 2 is outside float32's range (±3.4e38); this program "
                + "computes in float32", e.getMessage());
        store.set(w, new DMatrixRMaj(new double[][] {{5e38}}));
        FeedException p2 = assertThrows(FeedException.class, () -> p.run(feed(1, 2, 3), store));
        assertTrue(p2.getMessage().startsWith("parameter 'w': 5.0E38 at row 0, column 0 is outside float32's range"),
                p2.getMessage());
        assertEquals(1e39, Compiler.compile(j).run(feed(1, 2, 3), store).get(j).get(0, 0), 1e25, "float64 holds it");
    }

    @Test
    void uncheckedFeeds_thatOverflowFloat32_areNamedByTheOutputCheck() {
        Node j = Functions.mean(Ops.mul(w, x));
        Program p = Compiler.compile(List.of(j), DType.F32);
        NonFiniteException e = assertThrows(NonFiniteException.class,
                () -> p.run(feed(1, 2, 1e39), store, Checks.SHAPES));
        String m = e.getMessage();
        assertTrue(m.startsWith(j.describe() + " is not finite (Infinity at row 0, column 0)"), m);
        assertTrue(m.contains("first node not finite: feed 'X': 1.0E39 at row 0, column 2 is outside float32's "
                + "range"), m);
    }

    @Test
    void aValueThatOverflowsOnlyInFloat32_isFoundWhereItStarted() {
        Node e = Ops.exp(x).named("e");
        Node j = Functions.mean(Ops.mul(w, e));
        Map<String, DMatrixRMaj> feeds = feed(1, 100, 3); // e^100 ≈ 2.7e43: finite in float64, ∞ in float32
        assertTrue(Double.isFinite(Compiler.compile(j).run(feeds, store).get(j).get(0, 0)));
        NonFiniteException ex = assertThrows(NonFiniteException.class,
                () -> Compiler.compile(List.of(j), DType.F32).run(feeds, store));
        assertTrue(ex.getMessage().contains("first node not finite: e (1×m) = exp(X) made at "), ex.getMessage());
        assertTrue(ex.getMessage().contains("Infinity at row 0, column 1, where X = 100.0"), ex.getMessage());
    }
}
