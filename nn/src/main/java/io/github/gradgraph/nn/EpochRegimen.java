package io.github.gradgraph.nn;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.optim.Optimizer;
import java.util.List;

/**
 * What a {@link TrainingPlan} asks of every epoch besides its steps — the epoch's learning rate from the schedule, and
 * early stopping — in one place for {@link Trainer} and the cluster trainers. One regimen serves one {@code fit}.
 */
public final class EpochRegimen {
    private final TrainingPlan plan;
    private final Optimizer optimizer;
    private final double baseRate;
    private final boolean scheduled;
    private final EarlyStopping stopping;
    private int stoppedEpoch;

    /**
     * @param baseRate the optimizer's learning rate the schedule scales, NaN when it has none
     * @throws IllegalArgumentException when the plan schedules an optimizer that has no learning rate
     */
    public EpochRegimen(TrainingPlan plan, Optimizer optimizer, double baseRate) {
        this.plan = plan;
        this.optimizer = optimizer;
        this.baseRate = baseRate;
        this.scheduled = plan.schedule() != LearningRateSchedule.CONSTANT;
        if (scheduled && Double.isNaN(baseRate)) {
            throw new IllegalArgumentException("a learning-rate schedule needs an optimizer with a learning rate; "
                    + optimizer.name() + " has none");
        }
        this.stopping = plan.patience() > 0 ? new EarlyStopping(plan.patience(), optimizer) : null;
    }

    /**
     * Sets the learning rate of an epoch.
     *
     * @param epoch 0-based over the whole run
     * @return the rate the epoch's steps use, NaN when the optimizer has none
     */
    public double begin(int epoch) {
        if (scheduled) {
            double rate = plan.schedule().rate(baseRate, epoch + 1, plan.totalEpochs());
            optimizer.setLearningRate(rate);
            return rate;
        }
        return Double.isNaN(baseRate) ? Double.NaN : optimizer.learningRate();
    }

    /**
     * @param epoch         0-based over the whole run
     * @param monitoredLoss the held-out loss after it (ignored without early stopping)
     * @param store         the parameters after it
     * @return true when training stops after this epoch, before the plan's end
     */
    public boolean end(int epoch, double monitoredLoss, ParameterStore store) {
        if (stopping == null || !stopping.observe(epoch + 1, monitoredLoss, store)
                || epoch + 1 >= plan.doneEpochs() + plan.epochs()) {
            return false;
        }
        stoppedEpoch = epoch + 1;
        return true;
    }

    /** @return the history of the epochs run; with early stopping, the best epoch's parameters are put back first */
    public TrainingHistory finish(List<EpochStats> epochs, ParameterStore store) {
        if (stopping == null) {
            return new TrainingHistory(epochs);
        }
        stopping.restoreBest(store);
        return new TrainingHistory(epochs, stopping.bestEpoch(), stoppedEpoch);
    }
}
