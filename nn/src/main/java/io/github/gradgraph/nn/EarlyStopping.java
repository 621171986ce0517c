package io.github.gradgraph.nn;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.optim.Optimizer;
import io.github.gradgraph.nn.optim.OptimizerState;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Early stopping on a held-out loss, as Keras' {@code EarlyStopping(patience, restore_best_weights=True)}: after each
 * epoch the monitored loss is observed; an epoch improves when its loss is below the best so far; the run stops once
 * {@code patience} epochs in a row have not improved. The parameters and the optimizer's state of the best epoch are
 * kept, so the checkpoint written at the end is that epoch's (and resuming from it continues from there).
 *
 * <p>Used by {@link Trainer} and by cluster trainers alike. A NaN loss never improves.
 */
public final class EarlyStopping {
    private final int patience;
    private final Optimizer optimizer;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int sinceBest;
    private ParameterStore bestParams;
    private OptimizerState bestState;

    /**
     * @param patience  epochs without improvement before stopping, ≥ 1
     * @param optimizer whose state is kept with the best parameters
     */
    public EarlyStopping(int patience, Optimizer optimizer) {
        if (patience < 1) {
            throw new IllegalArgumentException("the early-stopping patience must be at least 1 epoch, got "
                    + patience);
        }
        this.patience = patience;
        this.optimizer = optimizer;
    }

    /**
     * @param epoch 1-based
     * @param loss  the monitored loss after that epoch
     * @param store the parameters after that epoch; copied when they are the best so far
     * @return true when training should stop now
     */
    public boolean observe(int epoch, double loss, ParameterStore store) {
        if (loss < best) {
            best = loss;
            bestEpoch = epoch;
            sinceBest = 0;
            bestParams = store.copy();
            bestState = optimizer.state();
            return false;
        }
        sinceBest++;
        return sinceBest >= patience;
    }

    /** @return the epoch with the lowest loss so far, 0 before any finite loss was seen */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return the lowest loss so far */
    public double bestLoss() {
        return best;
    }

    /** Writes the best epoch's values into {@code store}'s matrices (in place) and restores the optimizer's state. */
    public void restoreBest(ParameterStore store) {
        if (bestParams == null) {
            return; // no epoch had a finite loss: keep what there is
        }
        for (Map.Entry<String, DMatrixRMaj> e : bestParams.values().entrySet()) {
            DMatrixRMaj target = store.get(e.getKey());
            if (target != null) {
                target.setTo(e.getValue());
            }
        }
        optimizer.restore(bestState);
    }
}
