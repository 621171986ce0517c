package io.github.gradgraph.nn;

/**
 * How long and in what batches to train, and the regimen around each step: the learning rate of each epoch, gradient
 * clipping, early stopping.
 *
 * @param epochs     how many epochs to run now, ≥ 1
 * @param batchSize  samples per step, ≥ 1, or {@link #FULL_BATCH}; a batch as large as the set is the full batch
 * @param seed       the shuffle seed: the same seed gives the same batches
 * @param doneEpochs epochs already trained (0 for a fresh run; a checkpoint's count when resuming), so that the
 *                   batches drawn are those of an uninterrupted run
 * @param schedule   the learning rate of each epoch from the optimizer's base rate, over the run's
 *                   {@link #totalEpochs()}
 * @param clipNorm   C &gt; 0 to scale the gradients by min(1, C/(‖g‖ + 1e-6)) before each update, ‖g‖ the L2 norm
 *                   over every parameter's gradient (PyTorch's {@code clip_grad_norm_}); 0 for none
 * @param patience   stop when the monitored held-out loss has not improved for this many epochs and keep the best
 *                   epoch's parameters; 0 for no early stopping
 * @param scheduleEpochs E of the schedule when it differs from this plan's end: the epochs the run was planned
 *                   with before it was resumed for fewer; 0 for {@code doneEpochs + epochs}
 */
public record TrainingPlan(int epochs, int batchSize, long seed, int doneEpochs, LearningRateSchedule schedule,
        double clipNorm, int patience, int scheduleEpochs) {
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
        java.util.Objects.requireNonNull(schedule, "schedule");
        if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("the clipping norm must be a finite number > 0 (or 0 for none), got "
                    + clipNorm);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("the early-stopping patience must be at least 1 epoch (or 0 for none), "
                    + "got " + patience);
        }
        if (scheduleEpochs < 0) {
            throw new IllegalArgumentException("the schedule's epochs cannot be negative, got " + scheduleEpochs);
        }
        if (schedule.warmup() > 0 && schedule.warmup() >= Math.max(scheduleEpochs, doneEpochs + epochs)) {
            throw new IllegalArgumentException("the warm-up (" + schedule.warmup() + " epochs) must be shorter than "
                    + "the run (" + Math.max(scheduleEpochs, doneEpochs + epochs) + " epochs)");
        }
    }

    /** A plan with a constant learning rate, no clipping and no early stopping. */
    public TrainingPlan(int epochs, int batchSize, long seed, int doneEpochs) {
        this(epochs, batchSize, seed, doneEpochs, LearningRateSchedule.CONSTANT, 0, 0, 0);
    }

    /** @return this plan with another learning-rate schedule */
    public TrainingPlan withSchedule(LearningRateSchedule newSchedule) {
        return new TrainingPlan(epochs, batchSize, seed, doneEpochs, newSchedule, clipNorm, patience, scheduleEpochs);
    }

    /** @return this plan clipping the gradients' global norm at C (0 for none) */
    public TrainingPlan withClipNorm(double c) {
        return new TrainingPlan(epochs, batchSize, seed, doneEpochs, schedule, c, patience, scheduleEpochs);
    }

    /** @return this plan stopping early after {@code epochs} without improvement (0 for none) */
    public TrainingPlan withEarlyStopping(int epochsWithoutImprovement) {
        return new TrainingPlan(epochs, batchSize, seed, doneEpochs, schedule, clipNorm, epochsWithoutImprovement,
                scheduleEpochs);
    }

    /** @return this plan with the schedule running over E epochs (at least to this plan's end) */
    public TrainingPlan withScheduleEpochs(int e) {
        return new TrainingPlan(epochs, batchSize, seed, doneEpochs, schedule, clipNorm, patience, e);
    }

    /**
     * @return E, the epochs the schedule runs over: the run's epochs when this plan ends (those done before it and
     *     its own), or the {@link #scheduleEpochs} it was planned with, whichever is more
     */
    public int totalEpochs() {
        return Math.max(scheduleEpochs, doneEpochs + epochs);
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
