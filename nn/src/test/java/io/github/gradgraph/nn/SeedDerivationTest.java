package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.GraphValidator;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.print.Derivation;
import io.github.gradgraph.graph.print.Notation;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The printed, simplified derivation of the seed's network is the seed's backward pass, layer by layer:
 * dZ[L] = A[L] − Y; dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ; db[l] = (1/m)·Σcols dZ[l]; dA[l−1] = W[l]ᵀ·dZ[l];
 * dZ[l] = dA[l] ⊙ g′(Z[l]); and no dA[0]. The simplified gradients compute the same values as the raw ones.
 */
class SeedDerivationTest {
    private static final Activation[] HIDDEN = {Activation.TANH, Activation.RELU, Activation.SIGMOID,
        Activation.LEAKY_RELU};

    private static String gPrime(Activation a, int l) {
        switch (a) {
            case TANH: return "(1 − A[" + l + "]²)";
            case RELU: return "1[Z[" + l + "] > 0]";
            case SIGMOID: return "(A[" + l + "] ⊙ (1 − A[" + l + "]))";
            default: return "step(Z[" + l + "], 0.01, 1)";
        }
    }

    @Test
    void printedEquations_areTheSeedsLayerByLayer() {
        Random r = new Random(3);
        for (int trial = 0; trial < 24; trial++) {
            int depth = 1 + trial % 4;
            int[] dims = new int[depth + 1];
            for (int l = 0; l < depth; l++) {
                dims[l] = 1 + r.nextInt(5);
            }
            dims[depth] = 1;
            Activation hidden = HIDDEN[trial % HIDDEN.length];
            Network net = new Network(new NetworkSpec(dims, hidden, Activation.SIGMOID, LossKind.BCE, 0));
            Derivation d = Derivation.of(net.loss(), net.parameters(), Map.of(net.input(), "A0"));
            String text = d.format(Notation.UNICODE);
            List<String> lines = text.lines().toList();
            List<String> expected = new ArrayList<>();
            for (int l = depth; l >= 1; l--) {
                expected.add(l == depth ? "dZ[" + l + "] = A[" + l + "] − Y"
                        : "dZ[" + l + "] = dA[" + l + "] ⊙ " + gPrime(hidden, l));
                expected.add("dW[" + l + "] = (1/m)·dZ[" + l + "]·A[" + (l - 1) + "]ᵀ");
                expected.add("db[" + l + "] = (1/m)·Σcols dZ[" + l + "]");
                if (l > 1) {
                    expected.add("dA[" + (l - 1) + "] = W[" + l + "]ᵀ·dZ[" + l + "]");
                }
            }
            int start = lines.indexOf("") + 1;
            assertEquals(expected, lines.subList(start, lines.size()), text);
            for (int l = 1; l <= depth; l++) {
                assertTrue(lines.contains("Z[" + l + "] = W[" + l + "]·A[" + (l - 1) + "] + b[" + l + "]"), text);
            }
            assertFalse(text.contains("dA[0]"), text);
            GraphValidator.validate(net.graph());
            sameValues(net, d, r);
        }
    }

    private static void sameValues(Network net, Derivation d, Random r) {
        ParameterStore store = Initializer.XAVIER.initialize(net, new ParameterStore(), r.nextLong());
        Dataset data = Datasets.moons(17, 0.3, r.nextLong());
        DMatrixRMaj x = new DMatrixRMaj(net.spec().size(0), 17);
        for (int i = 0; i < x.getNumElements(); i++) {
            x.data[i] = r.nextGaussian();
        }
        Map<String, DMatrixRMaj> feeds = Map.of("X", x, "Y", data.targets(1));
        List<Node> raw = Autodiff.gradients(net.loss(), net.parameters());
        Values a = Compiler.compileUnfused(raw).run(feeds, store);
        Values b = Compiler.compileUnfused(d.gradients()).run(feeds, store);
        for (int k = 0; k < raw.size(); k++) {
            DMatrixRMaj u = a.get(raw.get(k));
            DMatrixRMaj v = b.get(d.gradients().get(k));
            for (int i = 0; i < u.getNumElements(); i++) {
                assertEquals(u.data[i], v.data[i], 1e-12 * (1 + Math.abs(u.data[i])));
            }
        }
    }

    @Test
    void latex_usesTheSeedsSuperscripts() {
        Network net = new Network(NetworkSpec.defaults());
        String latex = Derivation.of(net.loss(), net.parameters(), Map.of(net.input(), "A0")).format(Notation.LATEX);
        assertTrue(latex.contains("dW^{[1]} = \\frac{1}{m} dZ^{[1]} A^{[0]\\top} \\\\"), latex);
        assertTrue(latex.contains("db^{[3]} = \\frac{1}{m} \\sum_{\\text{cols}} dZ^{[3]} \\\\"), latex);
    }
}
