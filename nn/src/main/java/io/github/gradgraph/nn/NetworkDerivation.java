package io.github.gradgraph.nn;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.print.Derivation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network's backward pass as the course writes it: the derivation of the loss its training step differentiates
 * (dropout masks included), the input named A[0], labels that are one-hot (softmax cross-entropy, a sequence model's
 * y⟨t⟩) known as such so that dZ[L] prints as A[L] − Y.
 */
public final class NetworkDerivation {
    private NetworkDerivation() {
    }

    /** @return the derivation of {@code net}'s training loss with respect to all its parameters */
    public static Derivation of(Network net) {
        return of(net, net.parameters());
    }

    /** @return the derivation of {@code net}'s training loss with respect to {@code wrt} */
    public static Derivation of(Network net, List<Node> wrt) {
        Node j = net.trainingLoss();
        if (net.sequence() != null) { // backpropagation through time: X holds token ids, y⟨t⟩ is one-hot
            return Derivation.of(j, wrt, Map.of(), Set.copyOf(net.oneHotLabels()));
        }
        boolean oneHot = net.spec().loss() == LossKind.SOFTMAX_CROSS_ENTROPY;
        return Derivation.of(j, wrt, Map.of(net.input(), "A0"), oneHot ? Set.of(net.labels()) : Set.of());
    }
}
