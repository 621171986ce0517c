package io.github.gradgraph.cli;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.data.Preprocessing;
import io.github.gradgraph.nn.data.Vocabulary;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.TrainingState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code lm} and {@code sample} share: a character model's network — the vocabulary's one-hot x⟨t⟩, the
 * layers given, and a softmax over the vocabulary at every step — and its checkpoint, whose class names are the
 * vocabulary's characters in id order (so the file carries its vocabulary).
 */
final class LanguageModels {
    /** The settings key that marks a checkpoint as a language model's. */
    static final String KIND = "lm";

    private LanguageModels() {
    }

    /**
     * @param layers the hidden layers, such as {@code rnn50} or {@code lstm128, lstm128}
     * @param vocab  V, the vocabulary's size: the input and the output
     */
    static NetworkSpec spec(String layers, int vocab) {
        if (layers == null || layers.isBlank()) {
            throw new IllegalArgumentException("--layers: give the hidden layers, such as rnn50 or 'lstm128, "
                    + "lstm128' (the vocabulary is the input and the output)");
        }
        String text = vocab + ", " + layers.trim() + ", " + vocab + " softmax";
        NetworkSpec spec;
        try {
            spec = NetworkSpec.parse(text, Activation.TANH, Activation.SOFTMAX, LossKind.SOFTMAX_CROSS_ENTROPY, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--layers '" + layers.trim() + "' (read as '" + text + "', the "
                    + "vocabulary in and out): " + e.getMessage());
        }
        if (!spec.recurrent()) {
            throw new IllegalArgumentException("--layers '" + layers.trim() + "': a language model needs a recurrent "
                    + "layer (rnnN, lstmN or gruN)");
        }
        return spec;
    }

    /** @return the hidden layers of a language model's spec, as --layers writes them */
    static String hiddenLayers(NetworkSpec spec) {
        List<io.github.gradgraph.nn.layers.Layer> stack = spec.stack(); // all but the vocabulary's softmax layer
        return String.join(", ", stack.subList(0, stack.size() - 1).stream().map(
                io.github.gradgraph.nn.layers.Layer::text).toList());
    }

    static Checkpoint checkpoint(NetworkSpec spec, ParameterStore store, Vocabulary vocab, TrainingState state,
            DType dtype) {
        List<String> chars = new ArrayList<>();
        for (int id = 0; id < vocab.size(); id++) {
            chars.add(new String(Character.toChars(vocab.codePoint(id))));
        }
        return new Checkpoint(spec, store, new Preprocessing(1, null), chars, state, dtype);
    }

    /** @return the vocabulary a language model's checkpoint carries */
    static Vocabulary vocabulary(Checkpoint c, String file) {
        boolean lm = c.training() == null || KIND.equals(c.training().settings().get("kind"));
        if (!c.spec().recurrent() || !lm || c.classNames().size() != c.spec().outputs()) {
            throw new IllegalArgumentException(file + " is not a language model of gradgraph lm (layers '"
                    + c.spec().text() + "')");
        }
        int[] codePoints = new int[c.classNames().size()];
        for (int i = 0; i < codePoints.length; i++) {
            String s = c.classNames().get(i);
            if (s.codePointCount(0, s.length()) != 1) {
                throw new IllegalArgumentException(file + ": vocabulary entry " + i + " is not one character");
            }
            codePoints[i] = s.codePointAt(0);
        }
        return Vocabulary.ofCodePoints(codePoints);
    }

    static boolean flag(Map<String, String> settings, String key) {
        return Boolean.parseBoolean(settings.getOrDefault(key, "false"));
    }
}
