package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.print.Notation;
import org.junit.jupiter.api.Test;

class NetworkDerivationTest {
    private static String derive(String layers, LossKind loss, Sequence sequence) {
        NetworkSpec spec = NetworkSpec.parse(layers, Activation.TANH, null, loss, 0);
        Network net = sequence == null ? new Network(spec) : new Network(spec, sequence);
        return NetworkDerivation.of(net).format(Notation.UNICODE);
    }

    @Test
    void theSeedsNetwork_derivesAsTheCourseWritesIt() {
        String d = derive("2, 4 tanh, 1 sigmoid", null, null);
        assertTrue(d.contains("Z[1] = W[1]·A[0] + b[1]"), d);
        assertTrue(d.contains("dZ[2] = A[2] − Y"), d);
        assertTrue(d.contains("dW[1] = (1/m)·dZ[1]·A[0]ᵀ"), d);
    }

    @Test
    void softmaxLabels_areOneHot_soDzIsAMinusY() {
        String d = derive("4, 5 relu, 3 softmax", LossKind.SOFTMAX_CROSS_ENTROPY, null);
        assertTrue(d.contains("dZ[2] = A[2] − Y"), d);
    }

    @Test
    void aSequenceModel_derivesThroughTime() {
        String d = derive("5, rnn3, 5 softmax", LossKind.SOFTMAX_CROSS_ENTROPY, Sequence.tokens(2));
        assertTrue(d.contains("da⟨2⟩ = Wyaᵀ·dz⟨2⟩"), d);
        assertTrue(d.contains("dWaa = (1/m)·(da⟨2⟩"), d);
    }
}
