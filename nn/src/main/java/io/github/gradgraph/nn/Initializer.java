package io.github.gradgraph.nn;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
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
        return hidden == Activation.RELU || hidden == Activation.LEAKY_RELU ? HE : XAVIER;
    }

    /**
     * Sets every parameter of {@code net} in {@code store}.
     *
     * @param seed the same seed gives the same values
     * @return the store, for chaining
     */
    public ParameterStore initialize(Network net, ParameterStore store, long seed) {
        Random random = new Random(seed);
        for (int l = 1; l <= net.spec().depth(); l++) {
            Node w = net.weight(l);
            int rows = net.spec().size(l);
            int cols = net.spec().size(l - 1);
            double scale = this == SMALL ? 0.01 : this == HE ? Math.sqrt(2.0 / cols) : Math.sqrt(2.0 / (cols + rows));
            DMatrixRMaj value = new DMatrixRMaj(rows, cols);
            for (int i = 0; i < value.getNumElements(); i++) {
                value.data[i] = random.nextGaussian() * scale;
            }
            store.set(w, value);
            store.set(net.bias(l), new DMatrixRMaj(rows, 1));
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
