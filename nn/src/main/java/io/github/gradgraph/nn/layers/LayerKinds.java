package io.github.gradgraph.nn.layers;

import io.github.gradgraph.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kinds of layer the layer text knows: the built-in ones, those on the classpath ({@link ServiceLoader} of
 * {@link LayerKind}) and those registered by {@link #register}, asked in that order.
 */
public final class LayerKinds {
    private static final Pattern DENSE = Pattern.compile("(\\d+)(?: (\\S+))?");
    private static final Pattern DROPOUT = Pattern.compile("dropout(.*)", Pattern.CASE_INSENSITIVE);

    /** A dense layer: a size, optionally followed by its activation. */
    public static final LayerKind DENSE_KIND = kind("a size", token -> {
        Matcher m = DENSE.matcher(token);
        if (!m.matches()) {
            return null;
        }
        int units = size(m.group(1));
        return new DenseLayer(units, m.group(2) == null ? null : Activation.parse(m.group(2)));
    });
    /** Batch normalization: {@code bn}. */
    public static final LayerKind BATCH_NORM_KIND = kind("bn", token ->
            token.equalsIgnoreCase("bn") ? new BatchNormLayer() : null);
    /** Dropout: {@code dropoutP}, such as {@code dropout0.2}. */
    public static final LayerKind DROPOUT_KIND = kind("dropoutP", token -> {
        Matcher m = DROPOUT.matcher(token);
        if (!m.matches()) {
            return null;
        }
        double p;
        try {
            p = Double.parseDouble(m.group(1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dropout needs its probability, such as dropout0.2");
        }
        return new DropoutLayer(p);
    });

    /** A convolution: {@code conv5x5x6}, then {@code padP} or {@code same}, {@code strideS}, an activation. */
    public static final LayerKind CONV_KIND = kind("convFxFxN", ImageLayerText::conv);
    /** Max pooling: {@code maxpool2}, then {@code same} or {@code padP}, {@code strideS}. */
    public static final LayerKind MAX_POOL_KIND = kind("maxpoolF", token -> ImageLayerText.pool(token, true));
    /** Average pooling: {@code avgpool2}, then {@code same} or {@code padP}, {@code strideS}. */
    public static final LayerKind AVG_POOL_KIND = kind("avgpoolF", token -> ImageLayerText.pool(token, false));

    private static final Pattern RECURRENT = Pattern.compile("(rnn|lstm|gru)(\\d+)", Pattern.CASE_INSENSITIVE);
    /** A recurrent layer: {@code rnnN}, {@code lstmN} or {@code gruN}, N the size of its hidden state. */
    public static final LayerKind RECURRENT_KIND = kind("rnnN, lstmN, gruN", token -> {
        Matcher m = RECURRENT.matcher(token);
        if (!m.matches()) {
            return null;
        }
        int units = size(m.group(2));
        return switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "rnn" -> new RnnLayer(units);
            case "lstm" -> new LstmLayer(units);
            default -> new GruLayer(units);
        };
    });

    private static final List<LayerKind> REGISTERED = new CopyOnWriteArrayList<>();
    private static volatile List<LayerKind> fromClasspath;

    private LayerKinds() {
    }

    /** Makes {@code kind} known to the layer text, after the built-in ones and those on the classpath. */
    public static void register(LayerKind kind) {
        if (!REGISTERED.contains(kind)) {
            REGISTERED.add(java.util.Objects.requireNonNull(kind, "kind"));
        }
    }

    /** Forgets {@code kind}, registered before. */
    public static void unregister(LayerKind kind) {
        REGISTERED.remove(kind);
    }

    /** @return every kind known, in the order they are asked */
    public static List<LayerKind> all() {
        List<LayerKind> all = new ArrayList<>(List.of(DENSE_KIND, BATCH_NORM_KIND, DROPOUT_KIND,
                CONV_KIND, MAX_POOL_KIND, AVG_POOL_KIND, RECURRENT_KIND));
        all.addAll(classpath());
        all.addAll(REGISTERED);
        return all;
    }

    private static List<LayerKind> classpath() {
        List<LayerKind> c = fromClasspath;
        if (c == null) {
            List<LayerKind> found = new ArrayList<>();
            ServiceLoader.load(LayerKind.class).forEach(found::add);
            fromClasspath = c = List.copyOf(found);
        }
        return c;
    }

    static int size(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a size of " + digits.length() + " digits is too large");
        }
    }

    private static LayerKind kind(String grammar, java.util.function.Function<String, Layer> parse) {
        return new LayerKind() {
            @Override
            public String grammar() {
                return grammar;
            }

            @Override
            public Layer parse(String token) {
                return parse.apply(token);
            }

            @Override
            public String toString() {
                return grammar.toLowerCase(Locale.ROOT);
            }
        };
    }
}
