package io.github.gradgraph.nn;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Ops;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The classic deep network as a graph, in its shapes: X = A[0] (n[0]×m), W[l] (n[l]×n[l−1]), b[l] (n[l]×1),
 * Z[l] = W[l]·A[l−1] + b[l] and A[l] = g[l](Z[l]) (n[l]×m), and the loss J (1×1), plus λ/(2m)·Σ‖W[l]‖² when L2 is on.
 * Nodes are named as the classic equations name them (W1, b1, Z1, A1, …). The graph holds no values: parameters live in a
 * {@code ParameterStore}, so one network serves training, checking and prediction.
 *
 * <p><b>Batch normalization</b> ({@link NetworkSpec#batchNorm()}), on every hidden layer l: Z[l] = W[l]·A[l−1] (no
 * b[l]); μ[l], σ²[l] per row over the m columns (σ² biased); Ẑ[l] = (Z[l] − μ[l])/√(σ²[l] + ε), ε = 1e-5;
 * Z̃[l] = γ[l] ⊙ Ẑ[l] + β[l]; A[l] = g(Z̃[l]) — plain graph ops, so its backward pass is derived like any other. In
 * inference the running statistics (buffers {@code running_mean<l>}, {@code running_var<l>}, kept up to date by the
 * training step) stand in for μ and σ². <b>Dropout</b> ({@link NetworkSpec#dropout()} = P): in training,
 * A[l] = g(·) ⊙ D[l] on the hidden layers, D[l] an input fed each step with 0 (probability P) or 1/(1 − P) per element
 * (inverted dropout); absent in inference.
 *
 * <p>So a network has up to three forward passes over the same parameters: {@link #loss()} and {@link #output()} are
 * training mode without dropout (batch statistics: what the gradient check and derivations use); {@link #trainingLoss()}
 * adds the dropout masks (what the training step runs); {@link #inferenceOutput()} and {@link #inferenceLoss()} use the
 * running statistics and no dropout (prediction and test evaluation). Without batch norm and dropout they are one pass.
 */
public final class Network {
    /** ε of batch normalization, as PyTorch's BatchNorm1d. */
    public static final double BN_EPS = 1e-5;

    private enum Mode { CHECK, TRAIN, INFER }

    private final NetworkSpec spec;
    private final Graph graph = new Graph();
    private final Node x;
    private final Node y;
    private final List<Node> weights = new ArrayList<>();
    private final List<Node> biases = new ArrayList<>();
    private final List<Node> gammas = new ArrayList<>();
    private final List<Node> betas = new ArrayList<>();
    private final List<Node> runningMeans = new ArrayList<>();
    private final List<Node> runningVars = new ArrayList<>();
    private final List<Node> masks = new ArrayList<>();
    private final LossFunction lossFunction;
    private final Pass check;
    private final Pass train;
    private final Pass infer;

    /** Builds the graph of {@code spec}, with its built-in loss. */
    public Network(NetworkSpec spec) {
        this(spec, spec.loss());
    }

    /**
     * Builds the graph of {@code spec} with a loss of the user's own, such as a focal loss; the L2 term of the spec is
     * added to it. {@code spec.loss()} then only names the closest built-in loss in checkpoints.
     *
     * @param lossFunction J from Z[L], A[L] and Y; must give a 1×1 node
     * @throws IllegalArgumentException when the loss is not 1×1
     */
    public Network(NetworkSpec spec, LossFunction lossFunction) {
        this.spec = spec;
        this.lossFunction = lossFunction;
        int depth = spec.depth();
        x = graph.input("X", spec.size(0), Dim.M);
        y = graph.input("Y", spec.size(depth), Dim.M);
        for (int l = 1; l <= depth; l++) {
            weights.add(graph.parameter("W" + l, spec.size(l), spec.size(l - 1)));
            if (spec.normalizes(l)) {
                biases.add(null);
                gammas.add(graph.parameter("gamma" + l, spec.size(l), 1));
                betas.add(graph.parameter("beta" + l, spec.size(l), 1));
                runningMeans.add(graph.parameter("running_mean" + l, spec.size(l), 1));
                runningVars.add(graph.parameter("running_var" + l, spec.size(l), 1));
            } else {
                biases.add(graph.parameter("b" + l, spec.size(l), 1));
                gammas.add(null);
                betas.add(null);
                runningMeans.add(null);
                runningVars.add(null);
            }
            if (spec.dropout() > 0 && l < depth) {
                masks.add(graph.input("D" + l, spec.size(l), Dim.M));
            }
        }
        // The dropout pass first: where the rewriter finds two passes computing the same node, the first made is kept,
        // and the training pass's derivation then reads as one pass (A[1] = tanh(Z[1]) ⊙ D[1]).
        Pass dropped = spec.dropout() > 0 ? pass(Mode.TRAIN) : null;
        check = pass(Mode.CHECK);
        train = dropped != null ? dropped : check;
        infer = spec.batchNorm() ? pass(Mode.INFER) : check;
    }

    private Pass pass(Mode mode) {
        int depth = spec.depth();
        List<Node> z = new ArrayList<>();
        List<Node> a = new ArrayList<>();
        List<Node> means = new ArrayList<>();
        List<Node> variances = new ArrayList<>();
        z.add(null);
        a.add(x);
        for (int l = 1; l <= depth; l++) {
            Node product = Ops.matmul(weight(l), a.get(l - 1));
            Node pre;
            if (spec.normalizes(l)) {
                Node zl = product.named("Z" + l);
                z.add(zl);
                if (mode == Mode.INFER) {
                    pre = BatchNorm.infer(zl, gammas.get(l - 1), betas.get(l - 1), runningMeans.get(l - 1),
                            runningVars.get(l - 1), l);
                } else {
                    BatchNorm.Parts bn = BatchNorm.train(zl, gammas.get(l - 1), betas.get(l - 1), l);
                    means.add(bn.mean());
                    variances.add(bn.variance());
                    pre = bn.out();
                }
            } else {
                pre = Ops.add(product, bias(l)).named("Z" + l);
                z.add(pre);
            }
            Node al = spec.activation(l).apply(pre);
            if (mode == Mode.TRAIN && l < depth) {
                al = Ops.mul(al, masks.get(l - 1));
            }
            a.add(al.named("A" + l));
        }
        Node dataLoss = lossFunction.build(z.get(depth), a.get(depth), y);
        if (dataLoss == null || !dataLoss.shape().isScalar()) {
            throw new IllegalArgumentException("the loss must be a 1×1 node, got "
                    + (dataLoss == null ? "null" : dataLoss.describe()) + "; reduce it with mean or sum");
        }
        Node loss = (spec.l2() > 0 ? Ops.add(dataLoss, l2Term()) : dataLoss).named("J");
        return new Pass(z, a, dataLoss, loss, means, variances);
    }

    private Node l2Term() {
        Node squares = null;
        for (Node w : weights) {
            Node s = Ops.sum(Ops.mul(w, w));
            squares = squares == null ? s : Ops.add(squares, s);
        }
        return Ops.div(Ops.scale(squares, spec.l2() / 2), Ops.size(x, 1));
    }

    /** @return the loss J is built with: the spec's built-in {@link LossKind} or the user's own */
    public LossFunction lossFunction() {
        return lossFunction;
    }

    /** @return the specification */
    public NetworkSpec spec() {
        return spec;
    }

    /** @return the graph */
    public Graph graph() {
        return graph;
    }

    /** @return X = A[0], n[0]×m */
    public Node input() {
        return x;
    }

    /** @return Y, n[L]×m */
    public Node labels() {
        return y;
    }

    /** @return W[l] for l in 1..L */
    public Node weight(int l) {
        return weights.get(l - 1);
    }

    /** @return b[l] for l in 1..L, or null for a batch-normalized layer (β[l] takes its place) */
    public Node bias(int l) {
        return biases.get(l - 1);
    }

    /** @return γ[l] of a batch-normalized layer, else null */
    public Node gamma(int l) {
        return gammas.get(l - 1);
    }

    /** @return β[l] of a batch-normalized layer, else null */
    public Node beta(int l) {
        return betas.get(l - 1);
    }

    /** @return Z[l] for l in 1..L, in training mode without dropout (before normalization where there is any) */
    public Node z(int l) {
        return check.z().get(l);
    }

    /** @return A[l] for l in 0..L, in training mode without dropout */
    public Node a(int l) {
        return check.a().get(l);
    }

    /** @return A[L], the prediction, in training mode without dropout (batch statistics) */
    public Node output() {
        return check.output();
    }

    /** @return J including the L2 term when λ &gt; 0, in training mode without dropout */
    public Node loss() {
        return check.loss();
    }

    /** @return J without the L2 term, in training mode without dropout */
    public Node dataLoss() {
        return check.dataLoss();
    }

    /** @return J as the training step runs it: batch statistics and the dropout masks {@link #masks()} */
    public Node trainingLoss() {
        return train.loss();
    }

    /** @return J without the L2 term as the training step runs it (a cluster's workers sum it over blocks) */
    public Node trainingDataLoss() {
        return train.dataLoss();
    }

    /** @return J without the L2 term in inference */
    public Node inferenceDataLoss() {
        return infer.dataLoss();
    }

    /** @return A[L] as the training step runs it */
    public Node trainingOutput() {
        return train.output();
    }

    /** @return μ[l] of each batch-normalized layer in the training step's pass, in layer order */
    public List<Node> batchMeans() {
        return train.means();
    }

    /** @return σ²[l] (biased) of each batch-normalized layer in the training step's pass, in layer order */
    public List<Node> batchVariances() {
        return train.variances();
    }

    /** @return A[L] in inference: running statistics, no dropout */
    public Node inferenceOutput() {
        return infer.output();
    }

    /** @return J in inference: running statistics, no dropout */
    public Node inferenceLoss() {
        return infer.loss();
    }

    /** @return the dropout masks D[l] the training pass takes as inputs, for l in 1..L−1; empty without dropout */
    public List<Node> masks() {
        return Collections.unmodifiableList(masks);
    }

    /**
     * @return the trained parameters in layer order: W1, b1, W2, b2, …; a batch-normalized layer has W[l], γ[l],
     *     β[l] instead of W[l], b[l]
     */
    public List<Node> parameters() {
        List<Node> p = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            p.add(weights.get(l));
            if (biases.get(l) != null) {
                p.add(biases.get(l));
            } else {
                p.add(gammas.get(l));
                p.add(betas.get(l));
            }
        }
        return Collections.unmodifiableList(p);
    }

    /**
     * @return the running statistics of the batch-normalized layers, running_mean1, running_var1, …: values in the
     *     parameter store that the training step updates and inference reads, never trained; empty without batch norm
     */
    public List<Node> buffers() {
        List<Node> b = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            if (runningMeans.get(l) != null) {
                b.add(runningMeans.get(l));
                b.add(runningVars.get(l));
            }
        }
        return Collections.unmodifiableList(b);
    }

    /** @return every value a checkpoint keeps: {@link #parameters()} then {@link #buffers()} */
    public List<Node> stored() {
        List<Node> all = new ArrayList<>(parameters());
        all.addAll(buffers());
        return Collections.unmodifiableList(all);
    }
}
