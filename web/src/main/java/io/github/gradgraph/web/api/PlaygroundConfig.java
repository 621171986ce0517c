package io.github.gradgraph.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.NetworkSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the page's network editor and loss box describe: the hidden layer sizes (the input size is the data's 2
 * features, the output size follows from its classes), the activations, J as a formula of A, Z and Y, the optimizer
 * and its learning rate, batch size, L2 strength, epochs, data set and seed. Every field has the default of
 * {@code gradgraph train} and is checked against the playground's limits.
 *
 * @param hidden     n[1] … n[L−1]
 * @param activation g of the hidden layers
 * @param output     g[L], or null for sigmoid with two classes and softmax with more
 * @param loss       J, a formula of A, Z and Y
 * @param optimizer  gd, momentum, rmsprop or adam
 * @param lr         the learning rate
 * @param batchSize  samples per step
 * @param l2         λ of λ/(2m)·Σ‖W‖²
 * @param epochs     epochs a run lasts (play continues past it)
 * @param data       a built-in data set's name or {@code upload:ID}
 * @param seed       seed of the data, split, initialization and shuffles
 * @param batchNorm  batch normalization of the hidden layers
 * @param dropout    the dropout probability of the hidden layers, 0 for none
 */
public record PlaygroundConfig(int[] hidden, Activation activation, Activation output, String loss, String optimizer,
        double lr, int batchSize, double l2, int epochs, String data, long seed, boolean batchNorm, double dropout) {
    /** The largest dropout probability the page offers. */
    public static final double MAX_DROPOUT = 0.9;
    /** At most this many hidden layers. */
    public static final int MAX_HIDDEN_LAYERS = 6;
    /** At most this many units in a layer. */
    public static final int MAX_UNITS = 64;
    /** The binary cross-entropy as the textbook writes it. */
    public static final String DEFAULT_LOSS = "mean(-(Y*log(A) + (1 - Y)*log(1 - A)))";

    public PlaygroundConfig {
        hidden = hidden.clone();
    }

    /** @return the defaults of {@code gradgraph train}: 8, 4 tanh units, sigmoid output, cross-entropy, adam 0.01 */
    public static PlaygroundConfig defaults() {
        return new PlaygroundConfig(new int[] {8, 4}, Activation.TANH, null, DEFAULT_LOSS, "adam", 0.01, 64, 0, 1000,
                "flower", 1, false, 0);
    }

    /**
     * @param o a JSON object; absent fields take the defaults
     * @throws ApiException 400 naming the first bad field
     */
    public static PlaygroundConfig from(JsonNode o) {
        PlaygroundConfig d = defaults();
        int[] hidden = d.hidden;
        JsonNode h = o.get("hidden");
        if (h != null && !h.isNull()) {
            if (!h.isArray() || h.size() > MAX_HIDDEN_LAYERS) {
                throw ApiException.bad("'hidden' must be a list of at most " + MAX_HIDDEN_LAYERS
                        + " layer sizes, e.g. [8, 4], got " + Json.shown(h.toString(), 60));
            }
            hidden = new int[h.size()];
            for (int i = 0; i < hidden.length; i++) {
                hidden[i] = Json.integerValue(h.get(i), "hidden layer " + (i + 1) + "'s size", 1, MAX_UNITS);
            }
        }
        Activation activation = activation(Json.text(o, "activation", d.activation.cliName()), "activation");
        String out = Json.text(o, "output", null);
        Activation output = out == null || out.isBlank() || out.equals("auto") ? null : activation(out, "output");
        String loss = Json.text(o, "loss", d.loss);
        if (loss.isBlank()) {
            throw ApiException.bad("'loss' is empty: write J in terms of A, Z and Y, e.g. " + DEFAULT_LOSS);
        }
        if (loss.length() > 2000) {
            throw ApiException.bad("'loss' is " + loss.length() + " characters long; at most 2000");
        }
        String optimizer = Json.text(o, "optimizer", d.optimizer).trim().toLowerCase(Locale.ROOT);
        if (!List.of("gd", "momentum", "rmsprop", "adam").contains(optimizer)) {
            throw ApiException.bad("unknown optimizer '" + optimizer + "'; choose one of gd, momentum, rmsprop, adam");
        }
        double lr = Json.number(o, "lr", d.lr, 1e-7, 10);
        if (!(lr > 0)) {
            throw ApiException.bad("'lr' must be > 0");
        }
        int batch = Json.integer(o, "batchSize", d.batchSize, 1, 100_000);
        double l2 = Json.number(o, "l2", d.l2, 0, 100);
        int epochs = Json.integer(o, "epochs", d.epochs, 1, 1_000_000);
        String data = Json.text(o, "data", d.data).trim();
        long seed = Json.integer(o, "seed", (int) d.seed, 0, Integer.MAX_VALUE);
        JsonNode bn = o.get("batchNorm");
        if (bn != null && !bn.isNull() && !bn.isBoolean()) {
            throw ApiException.bad("'batchNorm' must be true or false, got " + Json.shown(bn.toString(), 30));
        }
        boolean batchNorm = bn != null && bn.asBoolean(false);
        double dropout = Json.number(o, "dropout", d.dropout, 0, MAX_DROPOUT);
        return new PlaygroundConfig(hidden, activation, output, loss, optimizer, lr, batch, l2, epochs, data, seed,
                batchNorm, dropout);
    }

    private static Activation activation(String name, String field) {
        try {
            return Activation.parse(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.bad("'" + field + "': " + e.getMessage());
        }
    }

    /**
     * @param features n[0]
     * @param classes  the data's classes
     * @return the network: one sigmoid output for two classes, else a softmax output of one unit per class (an
     *     explicit output activation keeps one unit for two classes unless it is softmax)
     * @throws ApiException 400 when the output activation does not fit the classes
     */
    public NetworkSpec spec(int features, int classes) {
        Activation out = output != null ? output : classes == 2 ? Activation.SIGMOID : Activation.SOFTMAX;
        int units = classes == 2 && out != Activation.SOFTMAX ? 1 : classes;
        if (classes > 2 && out != Activation.SOFTMAX) {
            throw ApiException.bad("the data has " + classes + " classes: its output needs softmax, not " + out);
        }
        int[] layers = new int[hidden.length + 2];
        layers[0] = features;
        System.arraycopy(hidden, 0, layers, 1, hidden.length);
        layers[layers.length - 1] = units;
        try {
            return NetworkSpec.withDefaults(layers, activation, out, null, l2).withBatchNorm(batchNorm)
                    .withDropout(dropout);
        } catch (IllegalArgumentException e) {
            throw ApiException.bad(e.getMessage());
        }
    }

    /** @return this configuration as the JSON the page sends */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        ArrayNode h = o.putArray("hidden");
        Arrays.stream(hidden).forEach(h::add);
        o.put("activation", activation.cliName());
        o.put("output", output == null ? "auto" : output.cliName());
        o.put("loss", loss);
        o.put("optimizer", optimizer);
        o.put("lr", lr);
        o.put("batchSize", batchSize);
        o.put("l2", l2);
        o.put("epochs", epochs);
        o.put("data", data);
        o.put("seed", seed);
        o.put("batchNorm", batchNorm);
        o.put("dropout", dropout);
        return o;
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** @return every field but the hidden sizes, as a list, for equality */
    private List<Object> fields() {
        return new ArrayList<>(List.of(activation, output == null ? "auto" : output, loss, optimizer, lr, batchSize,
                l2, epochs, data, seed, batchNorm, dropout));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PlaygroundConfig c && Arrays.equals(c.hidden, hidden) && c.fields().equals(fields());
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(hidden) + fields().hashCode();
    }
}
