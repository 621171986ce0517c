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
 */
public final class Network {
    private final NetworkSpec spec;
    private final Graph graph = new Graph();
    private final Node x;
    private final Node y;
    private final List<Node> weights = new ArrayList<>();
    private final List<Node> biases = new ArrayList<>();
    private final List<Node> z = new ArrayList<>();
    private final List<Node> a = new ArrayList<>();
    private final LossFunction lossFunction;
    private final Node dataLoss;
    private final Node loss;

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
        a.add(x);
        z.add(null);
        for (int l = 1; l <= depth; l++) {
            Node w = graph.parameter("W" + l, spec.size(l), spec.size(l - 1));
            Node b = graph.parameter("b" + l, spec.size(l), 1);
            weights.add(w);
            biases.add(b);
            Node zl = Ops.add(Ops.matmul(w, a.get(l - 1)), b).named("Z" + l);
            z.add(zl);
            a.add(spec.activation(l).apply(zl).named("A" + l));
        }
        dataLoss = lossFunction.build(z.get(depth), a.get(depth), y);
        if (dataLoss == null || !dataLoss.shape().isScalar()) {
            throw new IllegalArgumentException("the loss must be a 1×1 node, got "
                    + (dataLoss == null ? "null" : dataLoss.describe()) + "; reduce it with mean or sum");
        }
        loss = (spec.l2() > 0 ? Ops.add(dataLoss, l2Term()) : dataLoss).named("J");
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

    /** @return b[l] for l in 1..L */
    public Node bias(int l) {
        return biases.get(l - 1);
    }

    /** @return Z[l] for l in 1..L */
    public Node z(int l) {
        return z.get(l);
    }

    /** @return A[l] for l in 0..L */
    public Node a(int l) {
        return a.get(l);
    }

    /** @return A[L], the prediction */
    public Node output() {
        return a.get(spec.depth());
    }

    /** @return J including the L2 term when λ &gt; 0 */
    public Node loss() {
        return loss;
    }

    /** @return J without the L2 term */
    public Node dataLoss() {
        return dataLoss;
    }

    /** @return W1, b1, W2, b2, …, in that order */
    public List<Node> parameters() {
        List<Node> p = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            p.add(weights.get(l));
            p.add(biases.get(l));
        }
        return Collections.unmodifiableList(p);
    }
}
