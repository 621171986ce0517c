package io.github.gradgraph.nn;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.layers.LayerContext;
import java.util.Locale;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/** How W[l] starts, from a seed; every b[l] starts at zero. */
public enum Initializer {
    /** The classic course's: standard normal × 0.01. */
    SMALL("small"),
    /** He: normal with variance 2/n[l−1], for relu layers. */
    HE("he"),
    /** Xavier/Glorot: normal with variance 2/(n[l−1] + n[l]), for tanh and sigmoid layers. */
    XAVIER("xavier");

    private final String cliName;

    Initializer(String cliName) {
        this.cliName = cliName;
    }

    /** @return the command-line name */
    public String cliName() {
        return cliName;
    }

    /** @return He for relu-family hidden layers, Xavier otherwise */
    public static Initializer forActivation(Activation hidden) {
        return hidden.reluLike() ? HE : XAVIER;
    }

    /**
     * Sets every parameter of {@code net} in {@code store}: the weights by {@link #initialize(ParameterStore, long,
     * Node...)}, in layer order from one generator; biases and scales at their starting constants (b = 0; with batch
     * norm γ = 1, β = 0 and the running statistics at mean 0, variance 1, as PyTorch's BatchNorm1d starts).
     *
     * @param seed the same seed gives the same values
     * @return the store, for chaining
     */
    public ParameterStore initialize(Network net, ParameterStore store, long seed) {
        initialize(store, seed, net.weights().toArray(new Node[0]));
        for (LayerContext.Parameter p : net.declaredParameters()) {
            if (p.start() == LayerContext.Start.CONSTANT && !p.optional()) {
                fill(store, p.node(), p.value());
            }
        }
        return startNormalization(net, store);
    }

    /**
     * Sets what a network starts with apart from its weights and biases — batch norm's γ = 1, β = 0, running mean 0
     * and running variance 1: every value that weights given from a file may lack, and that is not in {@code store}.
     *
     * @return the store, for chaining
     */
    public static ParameterStore startNormalization(Network net, ParameterStore store) {
        for (LayerContext.Parameter p : net.declaredParameters()) {
            if (p.optional() && store.get(p.node()) == null) {
                fill(store, p.node(), p.value());
            }
        }
        for (LayerContext.Buffer b : net.declaredBuffers()) {
            if (store.get(b.node()) == null) {
                fill(store, b.node(), b.value());
            }
        }
        return store;
    }

    private static void fill(ParameterStore store, Node p, double value) {
        DMatrixRMaj v = new DMatrixRMaj(p.shape().rows().size(), p.shape().cols().size());
        if (value != 0) {
            java.util.Arrays.fill(v.data, value);
        }
        store.set(p, v);
    }

    /**
     * Sets weight matrices of any graph: each W, n_out × n_in as in Z = W·A + b, gets normal values scaled for its
     * fan-in n_in (and fan-out n_out for Xavier), drawn in the order given from one generator.
     *
     * @param store   where the values go; modified
     * @param seed    the same seed gives the same values
     * @param weights parameter nodes, each n_out × n_in
     * @return the store, for chaining
     */
    public ParameterStore initialize(ParameterStore store, long seed, Node... weights) {
        Random random = new Random(seed);
        for (Node w : weights) {
            int rows = w.shape().rows().size();
            int cols = w.shape().cols().size();
            double scale = this == SMALL ? 0.01 : this == HE ? Math.sqrt(2.0 / cols) : Math.sqrt(2.0 / (cols + rows));
            DMatrixRMaj value = new DMatrixRMaj(rows, cols);
            for (int i = 0; i < value.getNumElements(); i++) {
                value.data[i] = random.nextGaussian() * scale;
            }
            store.set(w, value);
        }
        return store;
    }

    /**
     * Sets parameters (biases, typically) of any graph to zero.
     *
     * @param store  where the values go; modified
     * @param params parameter nodes
     * @return the store, for chaining
     */
    public static ParameterStore zeros(ParameterStore store, Node... params) {
        for (Node p : params) {
            store.set(p, new DMatrixRMaj(p.shape().rows().size(), p.shape().cols().size()));
        }
        return store;
    }

    /** @return the initializer of that name; the error names the choices */
    public static Initializer parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Initializer i : values()) {
            if (i.cliName.equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown initializer '" + name + "'; choose one of small, he, xavier");
    }
}
