package io.github.gradgraph.notebook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a notebook shows for one object: its representations keyed by MIME type ({@code text/latex},
 * {@code image/svg+xml}, {@code text/html}, {@code image/png} as base64, …), always with a {@code text/plain} one for
 * front ends that show none of the others. Nothing here knows a kernel: a kernel's adapter turns it into its own
 * display message.
 *
 * @param bundle representations by MIME type, in insertion order; contains {@code text/plain}
 */
public record Rich(Map<String, String> bundle) {
    public static final String PLAIN = "text/plain";
    public static final String LATEX = "text/latex";
    public static final String HTML = "text/html";
    public static final String SVG = "image/svg+xml";
    public static final String PNG = "image/png";
    public static final String MARKDOWN = "text/markdown";

    public Rich {
        Objects.requireNonNull(bundle, "bundle");
        if (!bundle.containsKey(PLAIN)) {
            throw new IllegalArgumentException("a display needs a text/plain representation, got only "
                    + bundle.keySet());
        }
        bundle = Collections.unmodifiableMap(new LinkedHashMap<>(bundle));
    }

    /** @return a display of {@code data} as {@code mime}, with {@code plain} as its text */
    public static Rich of(String mime, String data, String plain) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(mime, data);
        m.put(PLAIN, plain);
        return new Rich(m);
    }

    /** @return the text representation */
    public String plain() {
        return bundle.get(PLAIN);
    }

    /** @return the representation as {@code mime}, or null */
    public String get(String mime) {
        return bundle.get(mime);
    }
}
