package io.github.gradgraph.nn.optim;

import java.util.Locale;

/** Optimizers by command-line name, with the usual defaults for their other constants. */
public final class Optimizers {
    private Optimizers() {
    }

    /**
     * @param name gd (also written sgd: plain gradient descent on each batch), momentum, rmsprop or adam
     * @param lr   the learning rate α &gt; 0
     * @return a fresh optimizer (β 0.9 for momentum; β 0.999, ε 1e-8 for RMSProp; β₁ 0.9, β₂ 0.999, ε 1e-8 for Adam)
     * @throws IllegalArgumentException naming the choices, or the bad rate
     */
    public static Optimizer create(String name, double lr) {
        switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "gd", "sgd": return new GradientDescent(lr);
            case "momentum": return new Momentum(lr, 0.9);
            case "rmsprop": return new RmsProp(lr, 0.999, 1e-8);
            case "adam": return new Adam(lr, 0.9, 0.999, 1e-8);
            default:
                throw new IllegalArgumentException("unknown optimizer '" + name
                        + "'; choose one of gd (or sgd), momentum, rmsprop, adam");
        }
    }

    static void checkSameOptimizer(String name, OptimizerState state) {
        if (!state.optimizer().equals(name)) {
            throw new IllegalArgumentException("the saved optimizer state is " + state.optimizer() + "'s, not "
                    + name + "'s");
        }
    }

    static java.util.List<double[]> buffer(OptimizerState state, String buffer) {
        java.util.List<double[]> b = state.buffers().get(buffer);
        if (b == null && state.steps() > 0) {
            throw new IllegalArgumentException("the saved " + state.optimizer() + " state has no '" + buffer
                    + "' buffer after " + state.steps() + " steps");
        }
        return b;
    }

    /** @return the optimizer's learning rate, or NaN when it has none (an optimizer of the user's own, say) */
    public static double rateOf(Optimizer optimizer) {
        try {
            return optimizer.learningRate();
        } catch (UnsupportedOperationException e) {
            return Double.NaN;
        }
    }

    static double checkRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("the learning rate must be a finite number > 0, got " + lr);
        }
        return lr;
    }

    static double checkEpsilon(String what, double eps) {
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException(what + " ε must be a finite number > 0 (it keeps the step finite where "
                    + "the running average of dW² is 0), got " + eps);
        }
        return eps;
    }

    static double checkDecay(String what, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + beta);
        }
        return beta;
    }
}
