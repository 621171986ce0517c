package io.github.gradgraph.nn;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.nn.layers.Recorder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One forward pass of a {@link Network} as graph nodes, in one of its modes: Z[l] and A[l] per numbered layer, the
 * output, J, and the batch statistics μ[l], σ²[l] of the batch-normalized layers with the running statistics they
 * are folded into (empty when there are none, or in inference, where the running statistics stand in for them).
 *
 * @param z                Z[l] for l in 0..L (entry 0 is null): W[l]·A[l−1], plus b[l] where there is no batch norm
 * @param a                A[l] for l in 0..L (A[0] = X)
 * @param output           the network's output, A[L] for a network ending in a dense layer
 * @param dataLoss         J without the L2 term
 * @param loss             J
 * @param means            μ[l] of each batch-normalized layer, in layer order
 * @param variances        σ²[l] (biased, over the batch) of each batch-normalized layer, in layer order
 * @param runningMeans     the running means they are folded into
 * @param runningVariances the running variances
 */
record Pass(List<Node> z, List<Node> a, Node output, Node dataLoss, Node loss, List<Node> means,
        List<Node> variances, List<Node> runningMeans, List<Node> runningVariances) {
    Pass {
        z = Collections.unmodifiableList(new ArrayList<>(z)); // entry 0 is null
        a = Collections.unmodifiableList(new ArrayList<>(a));
        means = List.copyOf(means);
        variances = List.copyOf(variances);
        runningMeans = List.copyOf(runningMeans);
        runningVariances = List.copyOf(runningVariances);
    }

    /** What the layers report while a pass is built. */
    static final class Recording implements Recorder {
        private final Node[] z;
        private final Node[] a;
        private final List<Node> means = new ArrayList<>();
        private final List<Node> variances = new ArrayList<>();
        private final List<Node> runningMeans = new ArrayList<>();
        private final List<Node> runningVariances = new ArrayList<>();

        Recording(int depth) {
            z = new Node[depth + 1];
            a = new Node[depth + 1];
        }

        @Override
        public void z(int l, Node node) {
            z[l] = node;
        }

        @Override
        public void a(int l, Node node) {
            a[l] = node;
        }

        @Override
        public void batchStatistics(Node mean, Node variance, Node runningMean, Node runningVariance) {
            means.add(mean);
            variances.add(variance);
            runningMeans.add(runningMean);
            runningVariances.add(runningVariance);
        }

        Pass pass(Node output, Node dataLoss, Node loss) {
            return new Pass(Arrays.asList(z), Arrays.asList(a), output, dataLoss, loss, means, variances, runningMeans,
                    runningVariances);
        }
    }
}
