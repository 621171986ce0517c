package io.github.gradgraph.nn.optim;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** Gradient descent with momentum, as in the classic course: v := β·v + (1 − β)·dW; W := W − α·v. */
public final class Momentum extends RatedOptimizer {
    private final double beta;
    private final StateBuffers velocity = new StateBuffers();
    private long steps;

    /** @param lr α &gt; 0; @param beta β in [0, 1) */
    public Momentum(double lr, double beta) {
        super(lr);
        this.beta = Optimizers.checkDecay("momentum β", beta);
    }

    @Override
    public String name() {
        return "momentum";
    }


    @Override
    public void step(List<DMatrixRMaj> params, List<DMatrixRMaj> grads) {
        for (int p = 0; p < params.size(); p++) {
            double[] w = params.get(p).data;
            double[] g = grads.get(p).data;
            double[] v = velocity.get(p, params.get(p));
            for (int i = 0, n = params.get(p).getNumElements(); i < n; i++) {
                v[i] = beta * v[i] + (1 - beta) * g[i];
                w[i] -= lr * v[i];
            }
        }
        steps++;
    }

    @Override
    public OptimizerState state() {
        return new OptimizerState(name(), steps, java.util.Map.of("v", velocity.snapshot()));
    }

    @Override
    public void restore(OptimizerState state) {
        Optimizers.checkSameOptimizer(name(), state);
        velocity.restore(Optimizers.buffer(state, "v"));
        steps = state.steps();
    }
}
