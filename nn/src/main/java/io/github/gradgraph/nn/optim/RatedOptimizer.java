package io.github.gradgraph.nn.optim;

/** The learning rate every built-in optimizer has, readable and settable between steps (by a schedule). */
abstract class RatedOptimizer implements Optimizer {
    /** α, as the next step uses it. */
    protected double lr;

    /** @param lr α &gt; 0 */
    RatedOptimizer(double lr) {
        this.lr = Optimizers.checkRate(lr);
    }

    @Override
    public final double learningRate() {
        return lr;
    }

    @Override
    public final void setLearningRate(double rate) {
        lr = Optimizers.checkRate(rate);
    }
}
