package io.github.gradgraph.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The PyTorch reference of recurrent cells reads as its script documents: every case's shapes agree with its sizes,
 * every parameter has a gradient of its shape, and the loss is the documented one of the stored outputs. (The
 * comparison with gradgraph's own layers lives elsewhere.)
 */
class RecurrentReferenceTest {
    private static final List<RecurrentReference.Case> CASES = RecurrentReference.cases();

    private static void shape(DMatrixRMaj a, int rows, int cols, String what) {
        assertNotNull(a, what);
        assertEquals(rows + "×" + cols, a.numRows + "×" + a.numCols, what);
    }

    private static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            s += a.data[i] * b.data[i];
        }
        return s;
    }

    @Test
    void everyKind_hasAZeroAndANonzeroInitialState() {
        Map<String, List<Boolean>> zero = new HashMap<>();
        for (RecurrentReference.Case c : CASES) {
            boolean z = c.h0().data.length > 0 && java.util.Arrays.stream(c.h0().data).allMatch(v -> v == 0);
            zero.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(z);
        }
        assertEquals(RecurrentReference.PARAMS.keySet(), zero.keySet());
        zero.forEach((kind, z) -> {
            assertTrue(z.contains(true), kind + " has no zero-state case");
            assertTrue(z.contains(false), kind + " has no nonzero-state case");
        });
    }

    @Test
    void shapes_agreeWithTheSizes_andEveryParameterHasAGradient() {
        assertEquals(15, CASES.size());
        for (RecurrentReference.Case c : CASES) {
            String n = c.name();
            int nx = c.nx(), na = c.na(), t = c.steps(), m = c.m();
            assertTrue(nx >= 1 && nx <= 5 && na >= 1 && na <= 6 && t >= 1 && t <= 5 && m >= 1 && m <= 3, n);
            shape(c.x(), t * nx, m, n + " x");
            shape(c.h0(), na, m, n + " h0");
            shape(c.r(), t * na, m, n + " R");
            shape(c.h(), t * na, m, n + " h");
            assertEquals(RecurrentReference.PARAMS.get(c.kind()), List.copyOf(c.params().keySet()), n);
            for (Map.Entry<String, DMatrixRMaj> p : c.params().entrySet()) {
                String k = p.getKey();
                int cols = k.startsWith("b") ? 1 : switch (k) {
                    case "Wax", "Wnx" -> nx;
                    case "Waa", "Wna" -> na;
                    default -> na + nx; // a gate's W applied to [a⟨t−1⟩; x⟨t⟩]
                };
                shape(p.getValue(), na, cols, n + " " + k);
                shape(c.grads().get(k), na, cols, n + " d" + k);
            }
            shape(c.grads().get("x"), t * nx, m, n + " dx");
            shape(c.grads().get("h0"), na, m, n + " dh0");
            if (c.isLstm()) {
                shape(c.c0(), na, m, n + " c0");
                shape(c.rc(), na, m, n + " Rc");
                shape(c.cT(), na, m, n + " cT");
                shape(c.grads().get("c0"), na, m, n + " dc0");
                assertEquals(c.params().size() + 3, c.grads().size(), n);
            } else {
                assertNull(c.c0(), n);
                assertEquals(c.params().size() + 2, c.grads().size(), n);
            }
        }
    }

    @Test
    void loss_isTheDocumentedSumOverTheStoredOutputs() {
        for (RecurrentReference.Case c : CASES) {
            double l = dot(c.r(), c.h()) + (c.isLstm() ? dot(c.rc(), c.cT()) : 0);
            assertEquals(c.loss(), l, 1e-12 * Math.max(1, Math.abs(l)), c.name());
            // an RNN's and an LSTM's hidden outputs are tanh, or a gate times tanh: within (−1, 1); a GRU's mix in
            // h0, which may be larger
            for (double v : c.h().data) {
                assertTrue(c.kind().equals("gru") || Math.abs(v) < 1, c.name());
            }
        }
    }

    @Test
    void lastHiddenOutput_ofAOneStepRnn_isTanhOfTheSeedEquation() {
        RecurrentReference.Case c = CASES.get(0);
        assertEquals("rnn", c.kind());
        assertEquals(1, c.steps());
        double z = c.params().get("Wax").get(0, 0) * c.x().get(0, 0)
                + c.params().get("Waa").get(0, 0) * c.h0().get(0, 0) + c.params().get("b").get(0, 0);
        assertEquals(Math.tanh(z), c.h().get(0, 0), 1e-15);
    }
}
