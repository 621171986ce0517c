package io.github.gradgraph.nn.layers;

/**
 * How the layer text writes one kind of layer. Built-in kinds are dense ({@code 16}, {@code 16 relu}), {@code bn} and
 * {@code dropoutP}; a kind of one's own is added with {@link LayerKinds#register} or, for {@code --layers}, by a
 * {@code META-INF/services/io.github.gradgraph.nn.layers.LayerKind} file on the classpath naming its class.
 */
public interface LayerKind {
    /** @return how the text writes the kind, as the list of choices in an error shows it: {@code dropoutP} */
    String grammar();

    /**
     * @param token one comma-separated item of the text, trimmed, runs of spaces made one
     * @return the layer it writes, or null when it is not of this kind
     * @throws IllegalArgumentException when it is of this kind but malformed (the message says what is wrong; the
     *     caller adds the token and its position)
     */
    Layer parse(String token);
}
