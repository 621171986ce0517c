package io.github.gradgraph.spark;

import io.github.gradgraph.nn.BatchNorm;

import io.github.gradgraph.core.Finite;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.TrainingException;
import io.github.gradgraph.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The driver's side of a step: the parameters to broadcast, and the update from a step's summed gradients — divided
 * by the step's samples, plus the L2 term λ/(2m)·Σ‖W[l]‖² once (it is not a sum over samples), then the optimizer.
 */
final class Updates {
    private final Network network;
    private final Optimizer optimizer;
    private double lastGradNorm = Double.NaN;

    Updates(Network network, Optimizer optimizer) {
        this.network = network;
        this.optimizer = optimizer;
    }

    /** @return the parameters' arrays, then batch norm's running statistics, in the network's order */
    double[][] values(ParameterStore store) {
        List<Node> params = network.stored();
        double[][] values = new double[params.size()][];
        for (int p = 0; p < values.length; p++) {
            DMatrixRMaj v = store.get(params.get(p));
            if (v == null) {
                throw new IllegalArgumentException("parameter " + params.get(p).label() + " has no value");
            }
            values[p] = v.data;
        }
        return values;
    }

    /** @return the step's J (data loss and L2), after updating {@code store} */
    double apply(ParameterStore store, GradientSum sum) {
        return apply(store, sum, 0);
    }

    /** @return ‖g‖ of the last step's gradients (L2 term included), before clipping */
    double lastGradNorm() {
        return lastGradNorm;
    }

    /**
     * As {@link #apply(ParameterStore, GradientSum)}, clipping the gradients' global norm at {@code clipNorm} as one
     * machine does ({@code io.github.gradgraph.nn.GradientClipping}); 0 for none.
     */
    double apply(ParameterStore store, GradientSum sum, double clipNorm) {
        if (sum.samples == 0) {
            throw new IllegalArgumentException("the step has no samples");
        }
        List<Node> params = network.parameters();
        List<DMatrixRMaj> paramValues = new ArrayList<>();
        List<DMatrixRMaj> gradValues = new ArrayList<>();
        for (int p = 0; p < params.size(); p++) {
            DMatrixRMaj v = store.get(params.get(p));
            double[] g = sum.gradients[p];
            for (int i = 0; i < g.length; i++) {
                g[i] /= sum.samples;
            }
            paramValues.add(v);
            gradValues.add(DMatrixRMaj.wrap(v.numRows, v.numCols, g));
        }
        double loss = sum.loss / sum.samples + l2(paramValues, gradValues, sum.samples);
        lastGradNorm = io.github.gradgraph.nn.GradientClipping.globalNorm(gradValues);
        if (clipNorm > 0) {
            io.github.gradgraph.nn.GradientClipping.clip(gradValues, lastGradNorm, clipNorm);
        }
        optimizer.step(paramValues, gradValues);
        updateRunningStatistics(store, sum);
        for (int p = 0; p < params.size(); p++) {
            DMatrixRMaj v = paramValues.get(p);
            if (!Finite.all(v)) { // finite gradients can still overflow a parameter (a huge α), as on one machine
                int i = Finite.first(v);
                throw new TrainingException("the update made parameter " + params.get(p).label() + " non-finite ("
                        + v.data[i] + " at row " + i / v.numCols + ", column " + i % v.numCols + ") although every "
                        + "gradient was finite: the step overflowed; its values are no longer usable");
            }
        }
        return loss;
    }

    /**
     * With batch norm: the step's statistics from its blocks' sums — μ = Σb·μ_b / B, σ² = Σb·σ²_b / B plus the
     * spread of the block means Σb·μ_b² / B − μ² (0 for one block),
     * the whole step's batch when it spans several blocks (each block normalized itself with its own) — then
     * running ← 0.9·running + 0.1·batch, the variance unbiased (B/(B − 1)), as one machine does.
     */
    private void updateRunningStatistics(ParameterStore store, GradientSum sum) {
        if (sum.statistics == null) {
            return;
        }
        if (sum.samples < 2) {
            throw new IllegalArgumentException("batch normalization needs at least 2 samples per step, and a step "
                    + "had 1; choose a batch size that leaves no block of one sample");
        }
        List<Node> means = network.runningMeans();
        List<Node> variances = network.runningVariances();
        double b = sum.samples;
        int k = 0;
        for (int i = 0; i < means.size(); i++) {
            DMatrixRMaj mean = store.get(means.get(i));
            DMatrixRMaj var = store.get(variances.get(i));
            int n = mean.getNumElements();
            for (int u = 0; u < n; u++) {
                double mu = sum.statistics[k + u] / b;
                double within = sum.statistics[k + n + u] / b;
                double between = Math.max(0, sum.statistics[k + 2 * n + u] / b - mu * mu);
                mean.data[u] = BatchNorm.track(mean.data[u], mu);
                var.data[u] = BatchNorm.track(var.data[u], b / (b - 1) * (within + between));
            }
            k += 3 * n;
        }
    }

    /** @return whether the network batch-normalizes its hidden layers */
    boolean normalizes() {
        return network.spec().batchNorm();
    }

    /** @return whether the network drops units in training */
    boolean dropsOut() {
        return network.spec().dropout() > 0;
    }

    /** @return the L2 term λ/(2m)·Σ‖W[l]‖² of J for m samples (0 without L2), as one machine's J has it */
    double penalty(ParameterStore store, long m) {
        double lambda = network.spec().l2();
        if (lambda == 0) {
            return 0;
        }
        double squares = 0;
        for (Node weight : network.weights()) {
            for (double w : store.get(weight).data) {
                squares += w * w;
            }
        }
        return lambda / (2.0 * m) * squares;
    }

    private double l2(List<DMatrixRMaj> values, List<DMatrixRMaj> grads, long m) {
        double lambda = network.spec().l2();
        if (lambda == 0) {
            return 0;
        }
        double squares = 0;
        for (Node weight : network.weights()) {
            int p = network.parameters().indexOf(weight);
            double[] w = values.get(p).data;
            double[] g = grads.get(p).data;
            for (int i = 0; i < values.get(p).getNumElements(); i++) {
                squares += w[i] * w[i];
                g[i] += lambda / m * w[i];
            }
        }
        return lambda / (2.0 * m) * squares;
    }
}
