package io.github.gradgraph.nn;

import java.util.List;

/**
 * Every epoch of a training run, in order.
 *
 * @param epochs one entry per epoch
 */
public record TrainingHistory(List<EpochStats> epochs) {
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** @return J per epoch, the batch losses weighted by batch size */
    public double[] losses() {
        return epochs.stream().mapToDouble(EpochStats::loss).toArray();
    }

    /** @return the training accuracy per epoch */
    public double[] accuracies() {
        return epochs.stream().mapToDouble(EpochStats::trainAccuracy).toArray();
    }

    /** @return J on the test set per epoch (NaN where there was none) */
    public double[] testLosses() {
        return epochs.stream().mapToDouble(EpochStats::testLoss).toArray();
    }

    /** @return the loss of the last epoch */
    public double finalLoss() {
        return epochs.get(epochs.size() - 1).loss();
    }
}
