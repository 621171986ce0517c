package io.github.gradgraph.graph.print;

import java.math.BigDecimal;

/** Short, exact-enough number text for printed equations: 2, 0.5, 1e-08, ∞. */
final class Numbers {
    private Numbers() {
    }

    /** @return {@code v} in at most about 12 characters; ∞, −∞ and NaN by name (BigDecimal has no such values) */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = new BigDecimal(Double.toString(v)).stripTrailingZeros().toString();
        return s.length() <= 12 ? s : String.format(java.util.Locale.ROOT, "%.6g", v);
    }
}
