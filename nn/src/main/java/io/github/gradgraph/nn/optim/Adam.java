package io.github.gradgraph.nn.optim;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Adam with bias correction: v := β₁·v + (1 − β₁)·dW; s := β₂·s + (1 − β₂)·dW²; at step t,
 * W := W − α·(v / (1 − β₁ᵗ)) / (√(s / (1 − β₂ᵗ)) + ε).
 */
public final class Adam extends RatedOptimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final StateBuffers first = new StateBuffers();
    private final StateBuffers second = new StateBuffers();
    private long t;

    /** @param lr α &gt; 0; @param beta1 β₁; @param beta2 β₂, both in [0, 1); @param eps ε &gt; 0 */
    public Adam(double lr, double beta1, double beta2, double eps) {
        super(lr);
        this.beta1 = Optimizers.checkDecay("Adam β₁", beta1);
        this.beta2 = Optimizers.checkDecay("Adam β₂", beta2);
        this.eps = Optimizers.checkEpsilon("Adam", eps);
    }

    @Override
    public String name() {
        return "adam";
    }


    @Override
    public void step(List<DMatrixRMaj> params, List<DMatrixRMaj> grads) {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int p = 0; p < params.size(); p++) {
            double[] w = params.get(p).data;
            double[] g = grads.get(p).data;
            double[] v = first.get(p, params.get(p));
            double[] s = second.get(p, params.get(p));
            for (int i = 0, n = params.get(p).getNumElements(); i < n; i++) {
                v[i] = beta1 * v[i] + (1 - beta1) * g[i];
                s[i] = beta2 * s[i] + (1 - beta2) * g[i] * g[i];
                w[i] -= lr * (v[i] / c1) / (Math.sqrt(s[i] / c2) + eps);
            }
        }
    }

    @Override
    public OptimizerState state() {
        java.util.Map<String, List<double[]>> b = new java.util.LinkedHashMap<>();
        b.put("v", first.snapshot());
        b.put("s", second.snapshot());
        return new OptimizerState(name(), t, b);
    }

    @Override
    public void restore(OptimizerState state) {
        Optimizers.checkSameOptimizer(name(), state);
        first.restore(Optimizers.buffer(state, "v"));
        second.restore(Optimizers.buffer(state, "s"));
        t = state.steps();
    }
}
