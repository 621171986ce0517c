package io.github.gradgraph.nn;

/**
 * How long and in what batches to train.
 *
 * @param epochs     how many epochs to run now, ≥ 1
 * @param batchSize  samples per step, ≥ 1, or {@link #FULL_BATCH}; a batch as large as the set is the full batch
 * @param seed       the shuffle seed: the same seed gives the same batches
 * @param doneEpochs epochs already trained (0 for a fresh run; a checkpoint's count when resuming), so that the
 *                   batches drawn are those of an uninterrupted run
 */
public record TrainingPlan(int epochs, int batchSize, long seed, int doneEpochs) {
    /** The batch size of the full-batch algorithm: one step per epoch over all m samples, in their order. */
    public static final int FULL_BATCH = 0;

    public TrainingPlan {
        if (epochs < 1) {
            throw new IllegalArgumentException("the number of epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
        if (doneEpochs < 0) {
            throw new IllegalArgumentException("the epochs already done cannot be negative, got " + doneEpochs);
        }
    }

    /** @return the batch size for {@code m} samples */
    int batchFor(int m) {
        return batchSize == FULL_BATCH ? m : Math.min(batchSize, m);
    }

    /**
     * The shuffle of each epoch comes from its own generator, seeded by the seed and the epoch's number (SplitMix64's
     * mixing), so the batches of epoch e are the same whether the run started at 0 or resumed at e (and the same for
     * any trainer that draws its order from it, such as the Spark module's block schedule).
     */
    public static long epochSeed(long seed, int epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
