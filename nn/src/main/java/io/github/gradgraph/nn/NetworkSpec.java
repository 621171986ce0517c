package io.github.gradgraph.nn;

import io.github.gradgraph.nn.layers.BatchNormLayer;
import io.github.gradgraph.nn.layers.ConvLayer;
import io.github.gradgraph.nn.layers.DenseLayer;
import io.github.gradgraph.nn.layers.DropoutLayer;
import io.github.gradgraph.nn.layers.Features;
import io.github.gradgraph.nn.layers.Layer;
import io.github.gradgraph.nn.layers.LayerText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a network is: an input, a list of {@link Layer layers}, the loss J and the L2 strength λ (0 for none). The
 * classic multi-layer perceptron is one such list — dense layers of sizes [n[1], …, n[L]], the hidden ones with one
 * activation, the last with the output's, optionally batch normalization and dropout after every hidden layer — and
 * has a constructor of its own; any other list is written as layer text ({@link #parse}) or built from layers.
 * The layers numbered l = 1…L are those with weights ({@link Layer#numbered()}); n[l] is the size of their output.
 */
public final class NetworkSpec {
    private final Features input;
    private final List<Layer> layers;
    private final LossKind loss;
    private final double l2;
    /** The hidden activation a network without hidden layers was given (for its initializer); null for none. */
    private final Activation hiddenGiven;
    /** n[0], …, n[L] and the output's size, found by the constructor's walk of the shape rules. */
    private final int[] sizes;
    private final int outputs;

    /**
     * @param input  what one sample of X is
     * @param layers the layers in order; every dense layer with its activation
     * @param loss   J
     * @param l2     λ ≥ 0 in λ/(2m)·Σ‖W[l]‖²
     * @throws IllegalArgumentException naming the layer (its position, counted from the input as 0, and its text)
     *     whose shape rule refuses what comes before it, or a loss the output cannot feed
     */
    public NetworkSpec(Features input, List<Layer> layers, LossKind loss, double l2) {
        this(input, layers, loss, l2, null);
    }

    private NetworkSpec(Features input, List<Layer> layers, LossKind loss, double l2, Activation hiddenGiven) {
        this.hiddenGiven = hiddenGiven;
        this.input = Objects.requireNonNull(input, "input");
        this.layers = List.copyOf(layers);
        this.loss = Objects.requireNonNull(loss, "loss");
        this.l2 = l2;
        if (this.layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer after its input " + input.text());
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("the L2 strength must be a finite number ≥ 0, got " + l2);
        }
        Features f = input;
        List<Integer> n = new ArrayList<>(List.of(input.size()));
        for (int i = 0; i < this.layers.size(); i++) {
            Layer layer = this.layers.get(i);
            String where = "layer " + (i + 1) + " '" + layer.text() + "'";
            if (layer instanceof DenseLayer d && d.activation() == null) {
                throw new IllegalArgumentException(where + " has no activation; write it after the size, as '"
                        + d.units() + " relu'");
            }
            if (layer instanceof ConvLayer c && c.activation() == null) {
                throw new IllegalArgumentException(where + " has no activation; write it after the filters, as '"
                        + c.withActivation(Activation.RELU).text() + "'");
            }
            try {
                layer.checkPlace(i == 0 ? null : this.layers.get(i - 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            try {
                f = Objects.requireNonNull(layer.output(f), "a layer's output");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " after " + f + ": " + e.getMessage());
            }
            if (layer.numbered()) {
                n.add(f.size());
            }
        }
        sizes = n.stream().mapToInt(Integer::intValue).toArray();
        outputs = f.size();
        if (sizes.length == 1) {
            throw new IllegalArgumentException("layers " + text() + " have no layer with weights");
        }
        loss.checkOutput(output());
        if (output() == Activation.SOFTMAX && f.size() < 2) {
            throw new IllegalArgumentException("a softmax output needs at least 2 units, got " + f.size());
        }
    }

    /**
     * The classic multi-layer perceptron.
     *
     * @param sizes     every dimension including the input size; at least two, each ≥ 1
     * @param hidden    g[l] for l &lt; L
     * @param output    g[L]
     * @param loss      J
     * @param l2        λ ≥ 0
     * @param batchNorm whether every hidden layer normalizes Z[l] over the batch (see {@link Network})
     * @param dropout   P in [0, 1): the probability of dropping each hidden unit in training (inverted dropout), 0
     *                  for none
     */
    public NetworkSpec(int[] sizes, Activation hidden, Activation output, LossKind loss, double l2,
            boolean batchNorm, double dropout) {
        this(Features.vector(checked(sizes, batchNorm, dropout)[0]), mlp(sizes, hidden, output, batchNorm, dropout),
                loss, l2, hidden);
    }

    /** A multi-layer perceptron without batch normalization or dropout. */
    public NetworkSpec(int[] sizes, Activation hidden, Activation output, LossKind loss, double l2) {
        this(sizes, hidden, output, loss, l2, false, 0);
    }

    private static int[] checked(int[] sizes, boolean batchNorm, double dropout) {
        Objects.requireNonNull(sizes, "layers");
        if (sizes.length < 2) {
            throw new IllegalArgumentException("layers need at least an input and an output size, got "
                    + Arrays.toString(sizes));
        }
        for (int n : sizes) {
            if (n < 1) {
                throw new IllegalArgumentException("every layer size must be at least 1, got " + Arrays.toString(sizes));
            }
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("the dropout probability must be at least 0 and below 1, got "
                    + dropout);
        }
        if ((batchNorm || dropout > 0) && sizes.length < 3) {
            throw new IllegalArgumentException((batchNorm ? "batch normalization" : "dropout") + " applies to hidden "
                    + "layers, and layers " + Arrays.toString(sizes) + " have none");
        }
        return sizes;
    }

    private static List<Layer> mlp(int[] sizes, Activation hidden, Activation output, boolean batchNorm,
            double dropout) {
        Objects.requireNonNull(hidden, "hidden activation");
        Objects.requireNonNull(output, "output activation");
        List<Layer> list = new ArrayList<>();
        int depth = sizes.length - 1;
        for (int l = 1; l <= depth; l++) {
            list.add(new DenseLayer(sizes[l], l == depth ? output : hidden));
            if (l < depth && batchNorm) {
                list.add(new BatchNormLayer());
            }
            if (l < depth && dropout > 0) {
                list.add(new DropoutLayer(dropout));
            }
        }
        return list;
    }

    /**
     * A network from its layer text, choosing what the text leaves open as {@link #withDefaults} does: dense layers
     * written without an activation take {@code hidden}, the last one {@code output}.
     *
     * @param text   such as {@code 2, 16 relu, bn, dropout0.2, 8 relu, 1 sigmoid} (see {@link LayerText})
     * @param output the output activation, or null for the default (sigmoid for one unit, softmax for several)
     * @param loss   the loss, or null for the default
     */
    public static NetworkSpec parse(String text, Activation hidden, Activation output, LossKind loss, double l2) {
        LayerText t = LayerText.parse(text);
        List<Layer> layers = new ArrayList<>(t.layers());
        int last = -1;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).numbered()) {
                last = i;
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof DenseLayer d && d.activation() == null) {
                Activation g = i != last ? hidden : output != null ? output
                        : d.units() == 1 ? Activation.SIGMOID : Activation.SOFTMAX;
                layers.set(i, d.withActivation(g));
            } else if (layers.get(i) instanceof ConvLayer c && c.activation() == null) {
                layers.set(i, c.withActivation(i != last ? hidden : output != null ? output : Activation.IDENTITY));
            }
        }
        return new NetworkSpec(t.input(), layers, loss != null ? loss : defaultLoss(outputOf(layers)), l2, hidden);
    }

    /** The defaults of {@code gradgraph train}: [2, 8, 4, 1], tanh hidden layers, sigmoid output, bce, no L2. */
    public static NetworkSpec defaults() {
        return new NetworkSpec(new int[] {2, 8, 4, 1}, Activation.TANH, Activation.SIGMOID, LossKind.BCE, 0.0);
    }

    /**
     * The usual pairing for unspecified choices: a sigmoid output for one unit and softmax for several; bce for a
     * sigmoid output, softmax cross-entropy for softmax, mse otherwise.
     *
     * @param output the output activation, or null for the default
     * @param loss   the loss, or null for the default
     */
    public static NetworkSpec withDefaults(int[] layers, Activation hidden, Activation output, LossKind loss,
            double l2) {
        Activation out = output != null ? output
                : layers[layers.length - 1] == 1 ? Activation.SIGMOID : Activation.SOFTMAX;
        return new NetworkSpec(layers, hidden, out, loss != null ? loss : defaultLoss(out), l2);
    }

    private static LossKind defaultLoss(Activation out) {
        return out == Activation.SIGMOID ? LossKind.BCE
                : out == Activation.SOFTMAX ? LossKind.SOFTMAX_CROSS_ENTROPY : LossKind.MSE;
    }

    /** @return this network with batch normalization after every hidden dense layer, or with none */
    public NetworkSpec withBatchNorm(boolean on) {
        checked(sizes, on, 0);
        return new NetworkSpec(input, attached(on, dropout()), loss, l2, hiddenGiven);
    }

    /** @return this network with dropout of probability P after every hidden dense layer (0 for none) */
    public NetworkSpec withDropout(double p) {
        checked(sizes, false, p);
        return new NetworkSpec(input, attached(batchNorm(), p), loss, l2, hiddenGiven);
    }

    /** @return the layers with bn and dropout removed, then put after every hidden numbered layer as asked */
    private List<Layer> attached(boolean bn, double p) {
        List<Layer> out = new ArrayList<>();
        int seen = 0;
        for (Layer layer : layers) {
            if (layer instanceof BatchNormLayer || layer instanceof DropoutLayer) {
                continue;
            }
            out.add(layer);
            if (layer.numbered() && ++seen < depth()) {
                if (bn) {
                    out.add(new BatchNormLayer());
                }
                if (p > 0) {
                    out.add(new DropoutLayer(p));
                }
            }
        }
        return out;
    }

    /** @return whether numbered layer l (1..L) is batch-normalized: followed by {@code bn} */
    public boolean normalizes(int l) {
        int seen = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).numbered() && ++seen == l) {
                return i + 1 < layers.size() && layers.get(i + 1) instanceof BatchNormLayer;
            }
        }
        return false;
    }

    /**
     * @param m the batch size
     * @return the floating-point operations of one training step's matrix products: W·A forward, dZ·Aᵀ and Wᵀ·dZ
     *     backward (no dA[0]), 2 per multiply-add
     */
    public double stepFlops(int m) {
        double f = 0;
        Features in = input;
        boolean first = true;
        for (Layer layer : layers) {
            double forward = layer.flops(in);
            f += forward * m * (first ? 2 : 3); // forward, dW and (after the first layer) dA[l-1]
            first &= forward == 0;
            in = layer.output(in);
        }
        return f;
    }

    /** @return whether a layer is recurrent: the network then reads sequences ({@link Sequence}) */
    public boolean recurrent() {
        return layers.stream().anyMatch(io.github.gradgraph.nn.layers.RecurrentLayer.class::isInstance);
    }

    /** @return what one sample of X is (at each step, for a sequence network) */
    public Features input() {
        return input;
    }

    /** @return the layers, in order */
    public List<Layer> stack() {
        return layers;
    }

    /** @return the layer text, as {@link #parse} reads it: {@code 2, 8 tanh, 4 tanh, 1 sigmoid} */
    public String text() {
        return new LayerText(input, layers).text();
    }

    /** @return [n[0], n[1], …, n[L]]: the input's size, then each numbered layer's output size */
    public int[] sizes() {
        return sizes.clone();
    }

    /** @return L, the number of layers with weights */
    public int depth() {
        return sizes.length - 1;
    }

    /** @return n[l] */
    public int size(int l) {
        return sizes[l];
    }

    /** @return the rows of the network's output: the last layer's size */
    public int outputs() {
        return outputs;
    }

    /** @return the activation of numbered layer l (1..L), or null when it is not a dense layer */
    public Activation activation(int l) {
        int seen = 0;
        for (Layer layer : layers) {
            if (layer.numbered() && ++seen == l) {
                return layer instanceof DenseLayer d ? d.activation()
                        : layer instanceof ConvLayer c ? c.activation() : null;
            }
        }
        throw new IllegalArgumentException("no layer " + l + ": the network has " + depth());
    }

    /**
     * @return the activation of the first hidden dense layer; without one, the hidden activation the network was
     *     given (which chooses its initializer), else the output's
     */
    public Activation hidden() {
        for (int l = 1; l < depth(); l++) {
            if (activation(l) != null) {
                return activation(l);
            }
        }
        return hiddenGiven != null ? hiddenGiven : output();
    }

    /** @return the activation the network's output has, g[L] for a network ending in a dense layer */
    public Activation output() {
        return outputOf(layers);
    }

    private static Activation outputOf(List<Layer> layers) {
        Activation g = null;
        for (Layer layer : layers) {
            g = layer.outputActivation(g);
        }
        return g == null ? Activation.IDENTITY : g;
    }

    /** @return J */
    public LossKind loss() {
        return loss;
    }

    /** @return λ */
    public double l2() {
        return l2;
    }

    /** @return whether any layer is batch-normalized */
    public boolean batchNorm() {
        return layers.stream().anyMatch(BatchNormLayer.class::isInstance);
    }

    /** @return the highest dropout probability of any layer, 0 for none */
    public double dropout() {
        return layers.stream().filter(DropoutLayer.class::isInstance).mapToDouble(l -> ((DropoutLayer) l).p())
                .max().orElse(0);
    }

    /**
     * @return whether this is the classic perceptron its {@link #sizes()}, {@link #hidden()}, {@link #output()},
     *     {@link #batchNorm()} and {@link #dropout()} describe, with nothing else
     */
    public boolean isPerceptron() {
        if (input.image() || depth() != layers.stream().filter(DenseLayer.class::isInstance).count()) {
            return false;
        }
        try {
            return equals(new NetworkSpec(sizes(), hidden(), output(), loss, l2, batchNorm(), dropout()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSpec s && s.input.equals(input) && s.layers.equals(layers) && s.loss == loss
                && Double.compare(s.l2, l2) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(input, layers, loss, l2);
    }

    @Override
    public String toString() {
        String tail = ", loss " + loss + (l2 > 0 ? ", l2 " + l2 : "");
        if (isPerceptron()) {
            return "layers " + Arrays.toString(sizes()) + ", " + hidden() + " hidden, " + output() + " output" + tail
                    + (batchNorm() ? ", batch norm" : "") + (dropout() > 0 ? ", dropout " + dropout() : "");
        }
        return "layers " + text() + tail;
    }
}
