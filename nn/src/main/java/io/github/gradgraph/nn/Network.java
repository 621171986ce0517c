package io.github.gradgraph.nn;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.nn.layers.Features;
import io.github.gradgraph.nn.layers.Layer;
import io.github.gradgraph.nn.layers.LayerContext;
import io.github.gradgraph.nn.layers.Mode;
import io.github.gradgraph.nn.layers.Signal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 *
 * <p>The network is built from {@link NetworkSpec#stack()}, its list of {@link Layer layers}: each declares its
 * parameters in the graph ({@link LayerContext}) and builds its nodes in each pass. The accessors by layer number
 * (W[l], Z[l], A[l], …) count the layers with weights, l = 1…L.
 */
public final class Network {
    /** ε of batch normalization, as PyTorch's BatchNorm1d. */
    public static final double BN_EPS = 1e-5;

    private final NetworkSpec spec;
    private final Graph graph = new Graph();
    private final Node x;
    private final Node y;
    private final List<LayerContext.Parameter> parameters = new ArrayList<>();
    private final List<LayerContext.Buffer> buffers = new ArrayList<>();
    private final List<LayerContext.Mask> masks = new ArrayList<>();
    private final Map<String, Node> byName = new HashMap<>();
    private final List<Node> parameterNodes;
    private final List<Node> weightNodes;
    private final List<Node> bufferNodes;
    private final List<Node> maskNodes;
    private final List<Layer.Built> built = new ArrayList<>();
    private final LossFunction lossFunction;
    private final Pass check;
    private final Pass train;
    private final Pass infer;
    private final Sequence sequence;
    private final SequenceUnroll unroll;

    /** Builds the graph of {@code spec}, with its built-in loss. */
    public Network(NetworkSpec spec) {
        this(spec, spec.loss());
    }

    /**
     * Builds the graph of {@code spec} with a loss of the user's own, such as a focal loss; the L2 term of the spec is
     * added to it. {@code spec.loss()} then only names the closest built-in loss in checkpoints.
     *
     * @param lossFunction J from Z[L], A[L] and Y; must give a 1×1 node
     * @throws IllegalArgumentException when the loss is not 1×1, or a layer refuses its place (naming it)
     */
    public Network(NetworkSpec spec, LossFunction lossFunction) {
        this(spec, lossFunction, spec.recurrent() ? Sequence.tokens(1) : null);
    }

    /**
     * Builds the graph of a sequence network: {@code spec}'s layers unrolled over {@code sequence}'s T steps (see
     * {@link Sequence} for X, Y and J). Recurrent layers take their state a⟨0⟩ (c⟨0⟩) as inputs
     * ({@link #stateInputs()}) and give their last ({@link #finalStates()}).
     */
    public Network(NetworkSpec spec, Sequence sequence) {
        this(spec, spec.loss(), sequence);
    }

    /** As {@link #Network(NetworkSpec, Sequence)} with a loss of the user's own, applied at every step. */
    public Network(NetworkSpec spec, LossFunction lossFunction, Sequence sequence) {
        this.spec = spec;
        this.lossFunction = lossFunction;
        this.sequence = sequence;
        if (sequence == null && spec.recurrent()) {
            throw new IllegalArgumentException("layers '" + spec.text() + "' are recurrent: build them as a "
                    + "sequence network, new Network(spec, Sequence.tokens(T))");
        }
        unroll = sequence == null ? null : new SequenceUnroll(graph, spec, sequence);
        x = unroll != null ? unroll.input() : graph.input("X", spec.input().size(), Dim.M);
        y = unroll != null ? unroll.labels() : graph.input("Y", spec.outputs(), Dim.M);
        List<Layer> layers = spec.stack();
        Features f = spec.input();
        int number = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Features out = layer.output(f);
            number += layer.numbered() ? 1 : 0;
            LayerContext c = new LayerContext(graph, i + 1, number, f, out,
                    i + 1 < layers.size() ? layers.get(i + 1) : null);
            try {
                if (unroll != null) {
                    unroll.declare(layer, c);
                } else {
                    built.add(layer.build(c));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + (i + 1) + " '" + layer.text() + "': " + e.getMessage(),
                        e);
            }
            parameters.addAll(c.parameters());
            buffers.addAll(c.buffers());
            masks.addAll(c.masks());
            f = out;
        }
        for (LayerContext.Parameter p : parameters) {
            byName.put(p.node().label(), p.node());
        }
        parameterNodes = parameters.stream().map(LayerContext.Parameter::node).toList();
        weightNodes = parameters.stream().filter(p -> p.start() == LayerContext.Start.DRAWN)
                .map(LayerContext.Parameter::node).toList();
        bufferNodes = buffers.stream().map(LayerContext.Buffer::node).toList();
        maskNodes = masks.stream().map(LayerContext.Mask::node).toList();
        // The dropout pass first: where the rewriter finds two passes computing the same node, the first made is kept,
        // and the training pass's derivation then reads as one pass (A[1] = tanh(Z[1]) ⊙ D[1]).
        Pass dropped = differs(Mode.TRAIN) ? pass(Mode.TRAIN) : null;
        check = pass(Mode.CHECK);
        train = dropped != null ? dropped : check;
        infer = differs(Mode.INFER) ? pass(Mode.INFER) : check;
    }

    private boolean differs(Mode mode) {
        return spec.stack().stream().anyMatch(l -> l.differsIn(mode));
    }

    private Pass pass(Mode mode) {
        Pass.Recording r = new Pass.Recording(spec.depth());
        r.a(0, x);
        if (unroll != null) {
            Node[] built = unroll.build(lossFunction);
            r.a(spec.depth(), built[0]);
            return r.pass(built[0], built[1], withL2(built[1]));
        }
        Signal s = Signal.input(x, spec.input(), r);
        for (Layer.Built b : built) {
            s = b.forward(s, mode);
        }
        Node output = s.a();
        Node dataLoss = lossFunction.build(s.logits(), output, y);
        if (dataLoss == null || !dataLoss.shape().isScalar()) {
            throw new IllegalArgumentException("the loss must be a 1×1 node, got "
                    + (dataLoss == null ? "null" : dataLoss.describe()) + "; reduce it with mean or sum");
        }
        return r.pass(output, dataLoss, withL2(dataLoss));
    }

    private Node withL2(Node dataLoss) {
        return (spec.l2() > 0 ? Ops.add(dataLoss, l2Term()) : dataLoss).named("J");
    }

    private Node l2Term() {
        Node squares = null;
        for (Node w : weights()) {
            Node s = Ops.sum(Ops.mul(w, w));
            squares = squares == null ? s : Ops.add(squares, s);
        }
        return Ops.div(Ops.scale(squares, spec.l2() / 2), Ops.size(x, 1));
    }

    /** @return how this network reads sequences, or null for a network of one sample per column */
    public Sequence sequence() {
        return sequence;
    }

    /** @return a⟨0⟩ (and c⟨0⟩) of each recurrent layer, n_a × m inputs, in layer order; empty for no sequence */
    public List<Node> stateInputs() {
        return unroll == null ? List.of() : unroll.stateInputs();
    }

    /** @return a⟨T⟩ (and c⟨T⟩) of each recurrent layer, in the order of {@link #stateInputs()} */
    public List<Node> finalStates() {
        return unroll == null ? List.of() : unroll.finalStates();
    }

    /** @return a token network's labels y⟨t⟩ of every step, one-hot nodes of Y's ids; empty otherwise */
    public List<Node> oneHotLabels() {
        return unroll == null ? List.of() : List.copyOf(unroll.oneHotLabels());
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

    /** @return W[l] for l in 1..L, or null when layer l has no parameter of that name */
    public Node weight(int l) {
        return byName.get("W" + l);
    }

    /** @return b[l] for l in 1..L, or null for a batch-normalized layer (β[l] takes its place) */
    public Node bias(int l) {
        return byName.get("b" + l);
    }

    /** @return γ[l] of a batch-normalized layer, else null */
    public Node gamma(int l) {
        return byName.get("gamma" + l);
    }

    /** @return β[l] of a batch-normalized layer, else null */
    public Node beta(int l) {
        return byName.get("beta" + l);
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

    /** @return the running means that {@link #batchMeans()} are folded into, in the same order */
    public List<Node> runningMeans() {
        return train.runningMeans();
    }

    /** @return the running variances that {@link #batchVariances()} are folded into, in the same order */
    public List<Node> runningVariances() {
        return train.runningVariances();
    }

    /** @return A[L] in inference: running statistics, no dropout */
    public Node inferenceOutput() {
        return infer.output();
    }

    /** @return J in inference: running statistics, no dropout */
    public Node inferenceLoss() {
        return infer.loss();
    }

    /** @return the dropout masks D[l] the training pass takes as inputs, in layer order; empty without dropout */
    public List<Node> masks() {
        return maskNodes;
    }

    /** @return each dropout mask with its probability and the layer number its values are drawn for */
    public List<LayerContext.Mask> dropouts() {
        return Collections.unmodifiableList(masks);
    }

    /**
     * @return the trained parameters in layer order: W1, b1, W2, b2, …; a batch-normalized layer has W[l], γ[l],
     *     β[l] instead of W[l], b[l]
     */
    public List<Node> parameters() {
        return parameterNodes;
    }

    /** @return the trained parameters with how each starts, in the order of {@link #parameters()} */
    public List<LayerContext.Parameter> declaredParameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** @return the weight matrices W[l] (the parameters drawn at the start, and penalized by L2), in layer order */
    public List<Node> weights() {
        return weightNodes;
    }

    /**
     * @return the running statistics of the batch-normalized layers, running_mean1, running_var1, …: values in the
     *     parameter store that the training step updates and inference reads, never trained; empty without batch norm
     */
    public List<Node> buffers() {
        return bufferNodes;
    }

    /** @return the buffers with their starting values, in the order of {@link #buffers()} */
    public List<LayerContext.Buffer> declaredBuffers() {
        return Collections.unmodifiableList(buffers);
    }

    /** @return whether weights given from a file may lack {@code p} (it then starts as a new network's) */
    public boolean optional(Node p) {
        return buffers.stream().anyMatch(b -> b.node() == p)
                || parameters.stream().anyMatch(q -> q.node() == p && q.optional());
    }

    /** @return every value a checkpoint keeps: {@link #parameters()} then {@link #buffers()} */
    public List<Node> stored() {
        List<Node> all = new ArrayList<>(parameters());
        all.addAll(buffers());
        return Collections.unmodifiableList(all);
    }
}
