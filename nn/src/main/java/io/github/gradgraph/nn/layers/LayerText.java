package io.github.gradgraph.nn.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layer text of {@code --layers}: the input, then the layers, comma-separated, counted from 0 (the input) in
 * messages. {@code 2,4,1} is the classic [n[0], n[1], n[2]]; a layer may name its activation after its size, and
 * {@code bn} and {@code dropoutP} apply to the layer before them:
 * <pre>
 * 2, 16 relu, bn, dropout0.2, 8 relu, 1 sigmoid
 * 784, 256, 128, 10            (activations from --activation and --output-activation)
 * 28x28x1, …                   (an image input, H×W×C)
 * </pre>
 *
 * @param input  what one sample of the input is
 * @param layers the layers in order; dense layers written without an activation have none yet
 */
public record LayerText(Features input, List<Layer> layers) {
    private static final Pattern VECTOR = Pattern.compile("\\d+");
    private static final Pattern IMAGE = Pattern.compile("(\\d+)[x×](\\d+)[x×](\\d+)");

    public LayerText {
        layers = List.copyOf(layers);
    }

    /**
     * @param text such as {@code 2, 16 relu, bn, dropout0.2, 8 relu, 1 sigmoid}
     * @return the input and the layers it writes
     * @throws IllegalArgumentException naming the token and its position, as {@code layer 3 'dropuot0.2': unknown
     *     layer; expected a size, bn, dropoutP}
     */
    public static LayerText parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no layers: write the input size and the layers, such as 2,4,1");
        }
        String[] tokens = text.split(",", -1);
        Features input = input(tokens[0].trim());
        List<Layer> layers = new ArrayList<>();
        List<LayerKind> kinds = LayerKinds.all();
        for (int i = 1; i < tokens.length; i++) {
            String token = tokens[i].trim().replaceAll("\\s+", " ");
            layers.add(layer(i, token, kinds));
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers '" + text.trim() + "' have an input but no layer: write at "
                    + "least the output size, such as " + input.text() + ",1");
        }
        return new LayerText(input, layers);
    }

    private static Features input(String token) {
        try {
            if (VECTOR.matcher(token).matches()) {
                return Features.vector(Integer.parseInt(token));
            }
            Matcher m = IMAGE.matcher(token);
            if (m.matches()) {
                return Features.image(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layer 0 '" + token + "': the size is too large");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer 0 '" + token + "': " + e.getMessage());
        }
        throw new IllegalArgumentException("layer 0 '" + token + "': the input must be a size (as 784) or an image "
                + "H×W×C (as 28x28x1)");
    }

    private static Layer layer(int position, String token, List<LayerKind> kinds) {
        String where = "layer " + position + " '" + token + "': ";
        if (token.isEmpty()) {
            throw new IllegalArgumentException(where + "empty; remove the extra comma");
        }
        for (LayerKind k : kinds) {
            Layer l;
            try {
                l = k.parse(token);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage());
            }
            if (l != null) {
                return l;
            }
        }
        StringJoiner expected = new StringJoiner(", ");
        kinds.forEach(k -> expected.add(k.grammar()));
        throw new IllegalArgumentException(where + "unknown layer; expected " + expected);
    }

    /** @return the text, in the form {@link #parse} reads: {@code 2, 16 relu, bn, dropout0.2, 1 sigmoid} */
    public String text() {
        StringJoiner j = new StringJoiner(", ");
        j.add(input.text());
        layers.forEach(l -> j.add(l.text()));
        return j.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
