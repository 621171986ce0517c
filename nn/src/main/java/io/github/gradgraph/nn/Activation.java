package io.github.gradgraph.nn;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Functions;
import io.github.gradgraph.graph.ops.Ops;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The activation g[l] of a layer, A[l] = g[l](Z[l]), built from graph ops so that g′ is derived, not written. */
public enum Activation {
    /** max(z, 0). */
    RELU("relu"),
    /** z where z &gt; 0, 0.01·z elsewhere. */
    LEAKY_RELU("leaky-relu"),
    /** tanh z. */
    TANH("tanh"),
    /** σ(z) = 1 / (1 + e⁻ᶻ). */
    SIGMOID("sigmoid"),
    /** GELU, z·Φ(z) with Φ the standard normal CDF (exact, as PyTorch's {@code approximate='none'}). */
    GELU("gelu"),
    /** The tanh approximation of GELU, ½z(1 + tanh(√(2/π)(z + 0.044715z³))) (PyTorch's {@code approximate='tanh'}). */
    GELU_TANH("gelu-tanh"),
    /** SiLU (Swish), z·σ(z). */
    SILU("silu"),
    /** ELU with α = 1: z where z &gt; 0, eᶻ − 1 elsewhere. */
    ELU("elu"),
    /** softplus, ln(1 + eᶻ): a smooth relu. */
    SOFTPLUS("softplus"),
    /** softmax per column (per sample): for a multi-class output. */
    SOFTMAX("softmax"),
    /** z itself: a linear output. */
    IDENTITY("identity");

    /** The slope of leaky relu below 0. */
    public static final double LEAK = 0.01;

    private final String cliName;

    Activation(String cliName) {
        this.cliName = cliName;
    }

    /** @return the name used on the command line and in checkpoints */
    public String cliName() {
        return cliName;
    }

    /** @return g(z) as a node */
    public Node apply(Node z) {
        switch (this) {
            case RELU: return Ops.relu(z);
            case LEAKY_RELU: return Ops.leakyRelu(z, LEAK);
            case TANH: return Ops.tanh(z);
            case SIGMOID: return Ops.sigmoid(z);
            case GELU: return Ops.gelu(z);
            case GELU_TANH: return Ops.geluTanh(z);
            case SILU: return Ops.silu(z);
            case ELU: return Ops.elu(z, 1.0);
            case SOFTPLUS: return Ops.softplus(z);
            case SOFTMAX: return Functions.softmax(z);
            default: return z;
        }
    }

    /**
     * @param name a command-line name such as {@code leaky-relu} (case-insensitive; {@code _} is accepted for {@code -})
     * @return the activation
     * @throws IllegalArgumentException naming the choices when the name is unknown
     */
    public static Activation parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Activation a : values()) {
            if (a.cliName.equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; choose one of " + choices());
    }

    /** @return whether this is relu or one of its smooth or leaky relatives, which He initialization suits */
    public boolean reluLike() {
        return this == RELU || this == LEAKY_RELU || this == GELU || this == GELU_TANH || this == SILU || this == ELU
                || this == SOFTPLUS;
    }

    /** @return the command-line names, comma-separated */
    public static String choices() {
        return Arrays.stream(values()).map(Activation::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
