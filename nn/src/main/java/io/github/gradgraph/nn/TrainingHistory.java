package io.github.gradgraph.nn;

import java.util.List;

/**
 * Every epoch of a training run, in order, and where early stopping left it.
 *
 * @param epochs       one entry per epoch
 * @param bestEpoch    with early stopping: the epoch whose parameters were kept (the lowest monitored loss); else 0
 * @param stoppedEpoch the epoch early stopping stopped after, 0 when the run ran every epoch of its plan
 */
public record TrainingHistory(List<EpochStats> epochs, int bestEpoch, int stoppedEpoch) {
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** A run without early stopping. */
    public TrainingHistory(List<EpochStats> epochs) {
        this(epochs, 0, 0);
    }

    /** @return whether early stopping ended the run before its plan did */
    public boolean stoppedEarly() {
        return stoppedEpoch > 0;
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
