package io.github.gradgraph.spark;

import java.io.Serializable;

/**
 * The running sum of a partition's sample-weighted gradients and losses: for each block of b samples, b·∂J_b/∂θ and
 * b·J_b, so that the sum over all blocks divided by m is the full-batch gradient and J; and how many samples the
 * network classified right. The arrays are made on the first block a task sees (a large zero value would be shipped
 * to every task and double the cost of an aggregate); an evaluation has none.
 */
public final class GradientSum implements Serializable {
    private static final long serialVersionUID = 1L;

    double[][] gradients;
    /** With batch norm: Σ b·μ, Σ b·σ² and Σ b·μ² per normalized unit, layer by layer; else null. */
    double[] statistics;
    double loss;
    long samples;
    long correct;

    /** Adds b·values to this sum, and the block's count of right answers. */
    void add(double[][] values, double blockLoss, int b, int right) {
        correct += right;
        if (values == null) {
            loss += b * blockLoss;
            samples += b;
            return;
        }
        if (gradients == null) {
            gradients = new double[values.length][];
            for (int p = 0; p < values.length; p++) {
                gradients[p] = new double[values[p].length];
            }
        }
        for (int p = 0; p < values.length; p++) {
            double[] g = gradients[p];
            double[] v = values[p];
            for (int i = 0; i < v.length; i++) {
                g[i] += b * v[i];
            }
        }
        loss += b * blockLoss;
        samples += b;
    }

    /** Adds b·(a block's moments): see {@link #statistics}. */
    void addStatistics(double[] moments, int b) {
        if (statistics == null) {
            statistics = new double[moments.length];
        }
        for (int i = 0; i < moments.length; i++) {
            statistics[i] += b * moments[i];
        }
    }

    /** @return this sum with {@code other}'s added (either may be empty) */
    GradientSum merge(GradientSum other) {
        if (other.samples == 0) {
            return this;
        }
        if (samples == 0) {
            return other;
        }
        if (other.gradients != null) {
            if (gradients == null) {
                gradients = other.gradients;
            } else {
                for (int p = 0; p < gradients.length; p++) {
                    for (int i = 0; i < gradients[p].length; i++) {
                        gradients[p][i] += other.gradients[p][i];
                    }
                }
            }
        }
        if (other.statistics != null) {
            if (statistics == null) {
                statistics = other.statistics;
            } else {
                for (int i = 0; i < statistics.length; i++) {
                    statistics[i] += other.statistics[i];
                }
            }
        }
        loss += other.loss;
        samples += other.samples;
        correct += other.correct;
        return this;
    }
}
