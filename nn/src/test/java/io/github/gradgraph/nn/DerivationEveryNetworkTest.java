package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.print.Derivation;
import io.github.gradgraph.graph.print.Notation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The printed derivation of every built-in network — each hidden activation × each output and loss — is the engine's
 * own, line by line: every derived line, evaluated with its symbols (dA[l], dZ[l]) fed the engine's gradients, equals
 * the engine's gradient of its left-hand side (per sample, m·∂J/∂N, for dZ and dA; exactly ∂J/∂W and ∂J/∂b for the
 * parameters); and its form is the textbook's: a dZ line per layer, dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ, no x¹.
 */
class DerivationEveryNetworkTest {
    private static final Activation[] HIDDEN = {Activation.RELU, Activation.LEAKY_RELU, Activation.TANH,
        Activation.SIGMOID, Activation.IDENTITY};
    private static final int M = 7;

    private record Head(Activation output, LossKind loss, int outputs) {
    }

    private static final List<Head> HEADS = List.of(new Head(Activation.SIGMOID, LossKind.BCE, 1),
            new Head(Activation.SIGMOID, LossKind.MSE, 1), new Head(Activation.IDENTITY, LossKind.MSE, 1),
            new Head(Activation.SOFTMAX, LossKind.SOFTMAX_CROSS_ENTROPY, 3));

    @Test
    void everyLine_isTheEnginesGradient_andHasTheTextbooksForm() {
        Random r = new Random(5);
        int pairs = 0;
        for (Activation hidden : HIDDEN) {
            for (Head head : HEADS) {
                Network net = new Network(new NetworkSpec(new int[] {3, 4, 5, head.outputs()}, hidden, head.output(),
                        head.loss(), 0));
                boolean softmax = head.loss() == LossKind.SOFTMAX_CROSS_ENTROPY;
                Derivation d = Derivation.of(net.loss(), net.parameters(), Map.of(net.input(), "A0"),
                        softmax ? java.util.Set.of(net.labels()) : java.util.Set.of());
                String text = d.format(Notation.UNICODE);
                String what = hidden + " hidden, " + head + ":\n" + text;
                int checked = sameValues(net, d, r, what);
                assertEquals(6 + d.symbols().size(), checked, "every derived line evaluated: " + what);
                assertTrue(!text.contains("^1") && !text.contains("¹"), "x¹ printed: " + what);
                for (int l = 1; l <= 3; l++) { // one (1/m) convention everywhere, softmax output included
                    assertTrue(text.contains("dW[" + l + "] = (1/m)·"), what);
                    assertTrue(text.contains("db[" + l + "] = (1/m)·Σcols d"), what);
                }
                assertTrue(text.contains("dA[2] = W[3]ᵀ·d"), what);
                // matched pairs start at dZ[L] = A[L] − Y, as the textbook's; the others at dA[L]
                assertTrue(text.contains(softmax || head.loss() == LossKind.BCE ? "dZ[3] = A[3] − Y"
                        : "dA[3] = 2·(A[3] − Y)"), what);
                assertTrue(!text.contains("stop_gradient") && !text.contains("max_rows"), "evaluation details: " + what);
                if (softmax) {
                    assertTrue(text.contains("A[3] = softmax(Z[3])") && text.contains("Y ⊙ log(A[3])")
                            && text.contains("(Y one-hot: each column sums to 1)"), what);
                }
                if (hidden != Activation.IDENTITY) { // identity merges Z[l] and A[l]
                    assertTrue(text.contains("dZ[2] = dA[2] ⊙ ") && text.contains("dZ[1] = dA[1] ⊙ "), what);
                }
                pairs++;
            }
        }
        assertEquals(HIDDEN.length * HEADS.size(), pairs);
    }

    /** @return the number of derived lines evaluated */
    private static int sameValues(Network net, Derivation d, Random r, String what) {
        ParameterStore store = Initializer.XAVIER.initialize(net, new ParameterStore(), r.nextLong());
        int outputs = net.spec().size(net.spec().depth());
        DMatrixRMaj x = new DMatrixRMaj(net.spec().size(0), M);
        DMatrixRMaj y = new DMatrixRMaj(outputs, M);
        for (int i = 0; i < x.getNumElements(); i++) {
            x.data[i] = r.nextGaussian();
        }
        for (int j = 0; j < M; j++) {
            if (outputs > 1) {
                y.set(r.nextInt(outputs), j, 1); // one-hot
            } else {
                y.set(0, j, net.spec().loss() == LossKind.BCE ? r.nextInt(2) : r.nextGaussian());
            }
        }
        Map<String, DMatrixRMaj> feeds = new HashMap<>(Map.of("X", x, "Y", y));
        Map<Node, Node> raw = Autodiff.gradientMap(d.loss(), d.variables());
        List<Node> rawNodes = new ArrayList<>(raw.values());
        Values engine = Compiler.compileAsWritten(rawNodes).run(feeds, store, Checks.NONE);
        Map<Node, Boolean> perSample = new HashMap<>();
        d.symbols().forEach((symbol, s) -> {
            DMatrixRMaj g = engine.copy(raw.get(s.forward()));
            if (s.perSample()) {
                org.ejml.dense.row.CommonOps_DDRM.scale(M, g);
            }
            feeds.put(symbol.label(), g);
            perSample.put(s.forward(), s.perSample());
        });
        int checked = 0;
        for (Derivation.Equation e : d.equations()) {
            if (!e.gradient()) {
                continue;
            }
            DMatrixRMaj expected = engine.copy(raw.get(e.of()));
            if (perSample.getOrDefault(e.of(), false)) {
                org.ejml.dense.row.CommonOps_DDRM.scale(M, expected);
            }
            DMatrixRMaj actual = Compiler.compileAsWritten(e.rhs()).run(feeds, store, Checks.NONE).get(e.rhs());
            for (int i = 0; i < expected.getNumElements(); i++) {
                double tol = 1e-12 * (1 + Math.abs(expected.data[i]));
                assertEquals(expected.data[i], actual.data[i], tol, e.lhs() + "[" + i + "] of " + what);
            }
            checked++;
        }
        return checked;
    }
}
