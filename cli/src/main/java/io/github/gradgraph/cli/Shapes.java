package io.github.gradgraph.cli;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code --shape NAME=ROWSxCOLS} options, where either size may be {@code m}, the batch dimension. */
final class Shapes {
    private Shapes() {
    }

    static Map<String, Shape> parse(List<String> specs) {
        Map<String, Shape> out = new LinkedHashMap<>();
        for (String spec : specs) {
            String[] kv = spec.split("=", 2);
            String[] rc = kv.length == 2 ? kv[1].toLowerCase(java.util.Locale.ROOT).split("[x×]", 2) : new String[0];
            if (kv.length != 2 || kv[0].isBlank() || rc.length != 2) {
                throw new IllegalArgumentException("--shape '" + spec + "' must look like NAME=ROWSxCOLS, e.g. Z=1xm "
                        + "or W=3x4");
            }
            out.put(kv[0].trim(), new Shape(dim(spec, rc[0]), dim(spec, rc[1])));
        }
        return out;
    }

    private static Dim dim(String spec, String text) {
        String t = text.trim();
        if (t.equals("m")) {
            return Dim.M;
        }
        try {
            return Dim.of(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shape '" + spec + "': '" + t + "' is neither a size ≥ 1 nor m");
        }
    }
}
