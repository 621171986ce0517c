package io.github.gradgraph.nn;

/**
 * One epoch of training, as {@code history.csv} records it.
 *
 * @param epoch              1-based, counted from the start of training (a resumed run continues the count)
 * @param loss               the mean of the epoch's batch losses J, each computed before its update and weighted by
 *                           its size; with one full batch, the cost before that epoch's update
 * @param trainAccuracy      the fraction of training samples classified right, each by the parameters before its
 *                           batch's update
 * @param testLoss           J on the test set after the epoch, NaN when there is no test set
 * @param testAccuracy       the test set's accuracy after the epoch, NaN when there is no test set
 * @param seconds            the wall time of the epoch, test evaluation included
 * @param lr                 the learning rate the epoch's steps used (NaN when not recorded)
 * @param gradNorm           the mean over the epoch's steps of the global L2 norm of the gradients, before any
 *                           clipping (NaN when not recorded)
 * @param validationLoss     J on the validation set after the epoch, NaN when there is none
 * @param validationAccuracy the validation set's accuracy after the epoch, NaN when there is none
 */
public record EpochStats(int epoch, double loss, double trainAccuracy, double testLoss, double testAccuracy,
        double seconds, double lr, double gradNorm, double validationLoss, double validationAccuracy) {
    /** An epoch with no learning rate, gradient norm or validation recorded. */
    public EpochStats(int epoch, double loss, double trainAccuracy, double testLoss, double testAccuracy,
            double seconds) {
        this(epoch, loss, trainAccuracy, testLoss, testAccuracy, seconds, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN);
    }

    /** @return whether a test set was evaluated */
    public boolean hasTest() {
        return !Double.isNaN(testAccuracy);
    }

    /** @return whether a validation set was evaluated */
    public boolean hasValidation() {
        return !Double.isNaN(validationAccuracy);
    }
}
