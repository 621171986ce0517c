package io.github.gradgraph.nn;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Functions;
import io.github.gradgraph.graph.ops.Ops;

/**
 * Batch normalization as graph ops, per row (unit) over the m columns (samples), as PyTorch's BatchNorm1d:
 * μ = mean(Z), σ² = mean((Z − μ)²) (biased), Ẑ = (Z − μ)/√(σ² + ε), out = γ ⊙ Ẑ + β. No backward pass is written:
 * the engine derives it from these ops (and the test suite checks it against the textbook's closed form).
 */
public final class BatchNorm {
    /** The weight of a batch's statistics in the running ones, as PyTorch's default momentum. */
    public static final double MOMENTUM = 0.1;

    private BatchNorm() {
    }

    /** @return running ← (1 − momentum)·running + momentum·batch, the running statistics' update */
    public static double track(double running, double batch) {
        return 0.9 * running + MOMENTUM * batch;
    }

    /** @return whether {@code m} samples in batches of {@code batch} leave a batch of one, which normalizes to 0 */
    public static boolean leavesBatchOfOne(int m, int batch) {
        return batch == 1 || m % batch == 1;
    }

    /**
     * The training form's nodes.
     *
     * @param mean     μ, n×1
     * @param variance σ², n×1, biased
     * @param out      γ ⊙ Ẑ + β, n×m
     */
    public record Parts(Node mean, Node variance, Node out) {
    }

    /**
     * Normalizes with the batch's own statistics.
     *
     * @param z     n×m
     * @param gamma n×1
     * @param beta  n×1
     * @param l     the layer, for the nodes' names (μ[l], σ²[l], Ẑ[l], Z̃[l])
     */
    public static Parts train(Node z, Node gamma, Node beta, int l) {
        Node mu = Functions.mean(z, 1).named("mu" + l);
        Node centered = Ops.sub(z, mu);
        Node var = Functions.mean(Ops.mul(centered, centered), 1).named("var" + l);
        return new Parts(mu, var, affine(z, mu, var, gamma, beta, l));
    }

    /** Normalizes with given statistics (the running ones, in inference). */
    public static Node infer(Node z, Node gamma, Node beta, Node runningMean, Node runningVar, int l) {
        return affine(z, runningMean, runningVar, gamma, beta, l);
    }

    private static Node affine(Node z, Node mu, Node var, Node gamma, Node beta, int l) {
        Node hat = Ops.div(Ops.sub(z, mu), Ops.sqrt(Ops.shift(var, Network.BN_EPS))).named("Zhat" + l);
        return Ops.add(Ops.mul(gamma, hat), beta).named("Ztilde" + l);
    }
}
