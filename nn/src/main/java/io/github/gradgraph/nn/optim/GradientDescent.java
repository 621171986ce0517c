package io.github.gradgraph.nn.optim;

import io.github.gradgraph.core.ParallelOps;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** The classic update: W := W − α·dW, b := b − α·db. */
public final class GradientDescent extends RatedOptimizer {
    private long steps;

    /** @param lr α &gt; 0 */
    public GradientDescent(double lr) {
        super(lr);
    }

    @Override
    public String name() {
        return "gd";
    }


    @Override
    public void step(List<DMatrixRMaj> params, List<DMatrixRMaj> grads) {
        for (int p = 0; p < params.size(); p++) {
            ParallelOps.addEquals(params.get(p), -lr, grads.get(p)); // split across cores when large
        }
        steps++;
    }

    @Override
    public OptimizerState state() {
        return new OptimizerState(name(), steps, java.util.Map.of());
    }

    @Override
    public void restore(OptimizerState state) {
        Optimizers.checkSameOptimizer(name(), state);
        steps = state.steps();
    }
}
