package io.github.gradgraph.nn.optim;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** RMSProp: s := β·s + (1 − β)·dW²; W := W − α·dW / (√s + ε). */
public final class RmsProp extends RatedOptimizer {
    private final double beta;
    private final double eps;
    private final StateBuffers square = new StateBuffers();
    private long steps;

    /** @param lr α &gt; 0; @param beta β in [0, 1); @param eps ε &gt; 0 */
    public RmsProp(double lr, double beta, double eps) {
        super(lr);
        this.beta = Optimizers.checkDecay("RMSProp β", beta);
        this.eps = Optimizers.checkEpsilon("RMSProp", eps);
    }

    @Override
    public String name() {
        return "rmsprop";
    }


    @Override
    public void step(List<DMatrixRMaj> params, List<DMatrixRMaj> grads) {
        for (int p = 0; p < params.size(); p++) {
            double[] w = params.get(p).data;
            double[] g = grads.get(p).data;
            double[] s = square.get(p, params.get(p));
            for (int i = 0, n = params.get(p).getNumElements(); i < n; i++) {
                s[i] = beta * s[i] + (1 - beta) * g[i] * g[i];
                w[i] -= lr * g[i] / (Math.sqrt(s[i]) + eps);
            }
        }
        steps++;
    }

    @Override
    public OptimizerState state() {
        return new OptimizerState(name(), steps, java.util.Map.of("s", square.snapshot()));
    }

    @Override
    public void restore(OptimizerState state) {
        Optimizers.checkSameOptimizer(name(), state);
        square.restore(Optimizers.buffer(state, "s"));
        steps = state.steps();
    }
}
