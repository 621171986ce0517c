package io.github.gradgraph.nn.io;

import io.github.gradgraph.nn.optim.OptimizerState;
import java.util.Map;
import java.util.Objects;

/**
 * Where a training run stands, saved with its checkpoint so that it can resume exactly: epochs done, the shuffle seed
 * (an epoch's batches follow from the seed and the epoch's number), the batch size, the learning rate and the
 * optimizer's own state.
 *
 * @param epochs    epochs done
 * @param seed      the shuffle seed
 * @param batchSize samples per step, 0 for the full batch
 * @param lr        the base learning rate α, the one a {@link io.github.gradgraph.nn.LearningRateSchedule} scales: not
 *                  the optimizer's rate after a scheduled run, which is its last epoch's
 * @param optimizer the optimizer's name, step count and buffers
 * @param settings  the run's other settings as text (such as where its data came from), for the caller's own use
 */
public record TrainingState(int epochs, long seed, int batchSize, double lr, OptimizerState optimizer,
        Map<String, String> settings) {
    public TrainingState {
        Objects.requireNonNull(optimizer, "optimizer");
        settings = Map.copyOf(settings);
    }
}
