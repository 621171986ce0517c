package io.github.gradgraph.graph.print;

import java.math.BigDecimal;

/** Short, exact-enough number text for printed equations: 2, 0.5, 1e-08. */
final class Numbers {
    private Numbers() {
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = new BigDecimal(Double.toString(v)).stripTrailingZeros().toString();
        return s.length() <= 12 ? s : String.format(java.util.Locale.ROOT, "%.6g", v);
    }
}
