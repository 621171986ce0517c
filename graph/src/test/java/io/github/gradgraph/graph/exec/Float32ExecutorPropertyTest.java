package io.github.gradgraph.graph.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.RandomGraphs;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The float32 executor and buffer planner on random graphs (forward ops mixed with the gradient nodes of a scalar of
 * them), one program reused across batch sizes and back: its outputs equal, to the bit, those of a float32 program in
 * which every node is an output (so no buffer is ever reused), fused steps agree with the unfused ones within float
 * rounding, float64 reads are the float32 values widened exactly, a float32 feed gives the same bits as its float64
 * original (read in place, never written, across runs that alternate the two), and the compute buffers take half the
 * bytes of the float64 plan's.
 */
class Float32ExecutorPropertyTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());

    @Test
    void float32Program_equalsItsUnreusedSelf_acrossBatchSizes() {
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger fusedSteps = new AtomicInteger();
        System.out.println("Float32ExecutorPropertyTest seed " + SEED);
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(integers().between(1, 40), integers().between(1, 9), integers().between(0, 1 << 20))
                .checkAssert((ops, n, salt) -> check(ran, fusedSteps, ops, n,
                        new Random(SEED + 104729L * salt + ops)));
        System.out.println("Float32ExecutorPropertyTest ran " + ran.get() + " examples, " + fusedSteps.get()
                + " fused steps");
        assertTrue(ran.get() >= 150, "too few examples ran: " + ran.get());
        assertTrue(fusedSteps.get() > 0, "no example had a fused step");
        assertTrue(floatFed.get() >= 450, "float32 feeds ran " + floatFed.get() + " times");
    }

    private static final AtomicInteger floatFed = new AtomicInteger();

    private static void check(AtomicInteger ran, AtomicInteger fusedSteps, int ops, int n, Random r) {
        ran.incrementAndGet();
        RandomGraphs.Case c = RandomGraphs.make(ops, n, r);
        Node j = Ops.sum(c.last());
        List<Node> outputs = new ArrayList<>();
        outputs.add(j);
        outputs.addAll(Autodiff.gradients(j, c.params()));
        for (int k = 0; k < 3; k++) {
            outputs.add(c.pool().get(r.nextInt(c.pool().size())));
        }
        Program reused = Compiler.compileUnfused(outputs, DType.F32);
        List<Node> everything = new ArrayList<>(Compiler.compileUnfused(outputs).steps());
        Program unreused = Compiler.compileUnfused(everything, DType.F32);
        Program fused = Compiler.compileAsWritten(outputs, DType.F32);
        fusedSteps.addAndGet(fused.fusions().size());
        int m1 = 1 + r.nextInt(12);
        int m2 = 1 + r.nextInt(12);
        for (int m : new int[] {m1, m2, m1}) {
            Map<String, DMatrixRMaj> feeds = Map.of("X", RandomGraphs.matrix(n, m, r));
            Values want = unreused.run(feeds, c.store(), Checks.NONE);
            // the same X already in float32, read in place: the same bits, and the caller's matrix left as it was
            FMatrixRMaj x32 = io.github.gradgraph.core.Precision.toFloat(feeds.get("X"));
            float[] x32Before = x32.data.clone();
            Values fromFloat = reused.run(Map.of("X", x32), c.store(), Checks.NONE);
            for (Node out : outputs) {
                FMatrixRMaj e = want.getFloat(out);
                FMatrixRMaj a = fromFloat.getFloat(out);
                for (int i = 0; i < e.getNumElements(); i++) {
                    assertEquals(Float.floatToIntBits(e.data[i]), Float.floatToIntBits(a.data[i]),
                            out.describe() + " fed float32 at m=" + m + " element " + i);
                    if (!BufferLayout.isLeaf(out) || out == c.x()) { // X fed in float32 reads widened too
                        assertEquals((double) a.data[i], fromFloat.get(out).data[i], 0.0, "widened " + out.describe());
                    }
                }
            }
            floatFed.incrementAndGet();
            reused.run(Map.of("X", RandomGraphs.matrix(n, m, r)), c.store(), Checks.NONE); // other values, float64
            org.junit.jupiter.api.Assertions.assertArrayEquals(x32Before, x32.data, "a float32 feed is not written");
            Values got = reused.run(feeds, c.store(), Checks.NONE);
            Values f = fused.run(feeds, c.store(), Checks.NONE);
            assertEquals(DType.F32, got.dtype());
            for (Node out : outputs) {
                FMatrixRMaj e = want.getFloat(out);
                FMatrixRMaj a = got.getFloat(out);
                DMatrixRMaj wide = got.get(out);
                FMatrixRMaj fa = f.getFloat(out);
                assertEquals(e.numRows, a.numRows, out.describe());
                assertEquals(e.numCols, a.numCols, out.describe());
                for (int i = 0; i < e.getNumElements(); i++) {
                    assertEquals(Float.floatToIntBits(e.data[i]), Float.floatToIntBits(a.data[i]),
                            out.describe() + " at m=" + m + " element " + i);
                    if (BufferLayout.isLeaf(out)) { // a leaf asked for reads its own float64 value
                        assertEquals((float) wide.data[i], a.data[i], 0f, "rounded " + out.describe());
                    } else {
                        assertEquals((double) a.data[i], wide.data[i], 0.0, "widened " + out.describe());
                    }
                    float x = e.data[i];
                    assertTrue(Float.compare(x, fa.data[i]) == 0 || Math.abs(x - fa.data[i])
                            <= 1e-4 * Math.max(1.0, Math.abs(x)), "fused " + out.describe() + " at m=" + m + ": "
                            + fa.data[i] + " vs " + x + "; fusions " + fused.fusions());
                }
            }
        }
        // the same layout as float64 at 4 bytes an element, plus a float copy of each leaf and a float64 one of each
        // computed output
        long expected = Compiler.compileUnfused(outputs).bufferBytes(m1) / 2;
        java.util.Set<Node> outs = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        outs.addAll(outputs);
        for (Node node : reused.steps()) {
            long elements = (long) node.shape().rows(m1) * node.shape().cols(m1);
            if (BufferLayout.isLeaf(node)) {
                expected += 4 * elements;
            } else if (outs.contains(node)) {
                expected += 8 * elements;
            }
        }
        assertEquals(expected, reused.bufferBytes(m1), "float32 plan bytes");
    }
}
