package io.github.gradgraph.nn;

/**
 * Per-epoch loss and training accuracy, as measured on each mini-batch before its update.
 *
 * @param losses     J per epoch, the batch losses weighted by batch size
 * @param accuracies the fraction classified right per epoch
 */
public record TrainingHistory(double[] losses, double[] accuracies) {
    public TrainingHistory {
        losses = losses.clone();
        accuracies = accuracies.clone();
    }

    @Override
    public double[] losses() {
        return losses.clone();
    }

    @Override
    public double[] accuracies() {
        return accuracies.clone();
    }

    /** @return the loss of the last epoch */
    public double finalLoss() {
        return losses[losses.length - 1];
    }
}
