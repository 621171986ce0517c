package io.github.gradgraph.nn.layers;

import io.github.gradgraph.graph.Node;

/** What a pass remembers of the nodes its layers build, for the network's accessors and the training step. */
public interface Recorder {
    /** Z[l], the pre-activation of numbered layer l (before any normalization). */
    void z(int l, Node z);

    /** A[l], the output of numbered layer l as the next layer reads it. */
    void a(int l, Node a);

    /** The batch's statistics of a normalizing layer, which the training step folds into its running ones. */
    void batchStatistics(Node mean, Node variance, Node runningMean, Node runningVariance);
}
