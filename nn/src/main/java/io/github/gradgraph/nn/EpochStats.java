package io.github.gradgraph.nn;

/**
 * One epoch of training, as {@code history.csv} records it.
 *
 * @param epoch         1-based, counted from the start of training (a resumed run continues the count)
 * @param loss          the mean of the epoch's batch losses J, each computed before its update and weighted by its
 *                      size; with one full batch, the cost before that epoch's update
 * @param trainAccuracy the fraction of training samples classified right, each by the parameters before its batch's
 *                      update
 * @param testLoss      J on the test set after the epoch, NaN when there is no test set
 * @param testAccuracy  the test set's accuracy after the epoch, NaN when there is no test set
 * @param seconds       the wall time of the epoch, test evaluation included
 */
public record EpochStats(int epoch, double loss, double trainAccuracy, double testLoss, double testAccuracy,
        double seconds) {
    /** @return whether a test set was evaluated */
    public boolean hasTest() {
        return !Double.isNaN(testAccuracy);
    }
}
