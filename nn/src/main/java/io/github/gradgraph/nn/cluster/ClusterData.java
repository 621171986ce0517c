package io.github.gradgraph.nn.cluster;

import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Preprocessing;
import java.util.List;

/** Training (and maybe test) samples that live on a cluster. */
public interface ClusterData {
    /** @return where the training samples come from */
    String name();

    /** @return where the test samples come from (the training file when held out of it) */
    String testName();

    /** @return n[0] */
    int features();

    /** @return the class of each index */
    List<String> classNames();

    /** @return m */
    long trainSize();

    /** @return the test samples; 0 when there are none */
    long testSize();

    /**
     * @return the preprocessing fitted on the training samples, as {@code Preprocessing.fit} fits it on one machine;
     *         for samples sent already preprocessed, {@link Preprocessing#NONE}
     */
    Preprocessing fit(double scale, boolean standardize);

    /**
     * Preprocesses the samples on the cluster and cuts them into blocks, kept there for training.
     *
     * @param outputs   the network's output units: 1 for 0/1 targets, K for one-hot
     * @param blockSize samples per block: the batch size for mini-batch training
     */
    void prepare(Preprocessing preprocessing, int outputs, int blockSize);

    /** @return up to {@code n} of the prepared training samples, here, preprocessed (for checks and plots) */
    Dataset head(int n);
}
