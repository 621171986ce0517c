package io.github.gradgraph.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.layers.DenseLayer;
import io.github.gradgraph.nn.layers.DropoutLayer;
import io.github.gradgraph.nn.layers.Layer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the page's network editor and loss box describe: the hidden layer sizes or layer text (the input size is the
 * data's 2 features, the output size follows from its classes), the activations, J as a formula of A, Z and Y, the
 * optimizer and its learning rate, batch size, L2 strength, epochs, data set and seed. Every field has the default of
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
 * @param layers     the hidden layers as layer text (such as {@code 16 relu, bn, dropout0.2, 8 relu}), which then
 *                   decides in place of {@code hidden}, {@code activation}, {@code batchNorm} and {@code dropout};
 *                   null when those describe the network
 */
public record PlaygroundConfig(int[] hidden, Activation activation, Activation output, String loss, String optimizer,
        double lr, int batchSize, double l2, int epochs, String data, long seed, boolean batchNorm, double dropout,
        String layers) {
    /** The largest dropout probability the page offers. */
    public static final double MAX_DROPOUT = 0.9;
    /** At most this many hidden layers. */
    public static final int MAX_HIDDEN_LAYERS = 6;
    /** At most this many units in a layer. */
    public static final int MAX_UNITS = 64;
    /** The binary cross-entropy as the textbook writes it. */
    public static final String DEFAULT_LOSS = "mean(-(Y*log(A) + (1 - Y)*log(1 - A)))";
    /** The longest layer text accepted; six dense layers with bn and dropout fit many times over. */
    public static final int MAX_LAYERS_TEXT = 500;
    /** The fields {@code layers} replaces. */
    private static final List<String> REPLACED = List.of("hidden", "activation", "batchNorm", "dropout");

    public PlaygroundConfig {
        hidden = hidden.clone();
    }

    /** @return the defaults of {@code gradgraph train}: 8, 4 tanh units, sigmoid output, cross-entropy, adam 0.01 */
    public static PlaygroundConfig defaults() {
        return new PlaygroundConfig(new int[] {8, 4}, Activation.TANH, null, DEFAULT_LOSS, "adam", 0.01, 64, 0, 1000,
                "flower", 1, false, 0, null);
    }

    /**
     * @param o a JSON object; absent fields take the defaults
     * @throws ApiException 400 naming the first bad field
     */
    public static PlaygroundConfig from(JsonNode o) {
        PlaygroundConfig d = defaults();
        String layers = layers(o);
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
                batchNorm, dropout, layers);
    }

    /** @return the trimmed layer text, or null when {@code layers} is absent or blank */
    private static String layers(JsonNode o) {
        String text = Json.text(o, "layers", null);
        if (text == null || text.isBlank()) {
            return null;
        }
        List<String> both = REPLACED.stream().filter(f -> o.get(f) != null && !o.get(f).isNull()).toList();
        if (!both.isEmpty()) {
            throw ApiException.bad("give either 'layers' or " + String.join(", ", REPLACED.stream()
                    .map(f -> "'" + f + "'").toList()) + ", not both: 'layers' describes the whole network, and "
                    + String.join(", ", both.stream().map(f -> "'" + f + "'").toList()) + " would be ignored");
        }
        if (text.length() > MAX_LAYERS_TEXT) {
            throw ApiException.bad("'layers' is " + text.length() + " characters long; at most " + MAX_LAYERS_TEXT);
        }
        return text.trim();
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
        if (layers != null) {
            return parsed(features, units, out);
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

    /**
     * The network of {@link #layers}: the data's input, the user's text, the output layer. Its positions count the
     * input as 0, so the parser's "layer 3" is the third token of {@code layers} as the user typed it.
     */
    private NetworkSpec parsed(int features, int units, Activation out) {
        NetworkSpec spec;
        try {
            spec = NetworkSpec.parse(features + ", " + layers + ", " + units + " " + out.cliName(), activation, out,
                    null, l2);
        } catch (IllegalArgumentException e) {
            throw ApiException.bad("in 'layers': " + e.getMessage());
        }
        List<Layer> stack = spec.stack();
        int dense = 0;
        for (int i = 0; i < stack.size() - 1; i++) {
            String where = "in 'layers': layer " + (i + 1) + " '" + stack.get(i).text() + "': ";
            if (stack.get(i) instanceof DenseLayer d && d.units() > MAX_UNITS) {
                throw ApiException.bad(where + d.units() + " units; at most " + MAX_UNITS);
            }
            if (stack.get(i) instanceof io.github.gradgraph.nn.layers.RecurrentLayer) {
                throw ApiException.bad(where + "a recurrent layer reads sequences; the playground's data are points "
                        + "(train a sequence model with gradgraph lm)");
            }
            if (stack.get(i) instanceof DropoutLayer p && p.p() > MAX_DROPOUT) {
                throw ApiException.bad(where + "the dropout probability is at most " + MAX_DROPOUT);
            }
            if (stack.get(i).numbered() && ++dense > MAX_HIDDEN_LAYERS) {
                throw ApiException.bad(where + "at most " + MAX_HIDDEN_LAYERS + " hidden layers");
            }
        }
        return spec;
    }

    /** @return this configuration as the JSON the page sends */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        if (layers != null) {
            o.put("layers", layers);
        } else {
            ArrayNode h = o.putArray("hidden");
            Arrays.stream(hidden).forEach(h::add);
            o.put("activation", activation.cliName());
        }
        o.put("output", output == null ? "auto" : output.cliName());
        o.put("loss", loss);
        o.put("optimizer", optimizer);
        o.put("lr", lr);
        o.put("batchSize", batchSize);
        o.put("l2", l2);
        o.put("epochs", epochs);
        o.put("data", data);
        o.put("seed", seed);
        if (layers == null) {
            o.put("batchNorm", batchNorm);
            o.put("dropout", dropout);
        }
        return o;
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** @return every field but the hidden sizes, as a list, for equality */
    private List<Object> fields() {
        return new ArrayList<>(List.of(activation, output == null ? "auto" : output, loss, optimizer, lr, batchSize,
                l2, epochs, data, seed, batchNorm, dropout, layers == null ? "" : layers));
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
