package io.github.gradgraph.core;

import java.util.Locale;

/**
 * The number type a compiled program computes in. {@link #F64} (IEEE double) is the default everywhere and what the
 * gradient checker always uses; {@link #F32} (IEEE single) halves the memory of every buffer and doubles the rate of
 * the matrix products, at about 7 significant digits instead of 16 — what PyTorch and JAX train in by default.
 */
public enum DType {
    /** IEEE 754 binary64: ε = 2⁻⁵² ≈ 2.2e-16, range ±1.8e308. */
    F64("f64", 8, 0x1p-52),
    /** IEEE 754 binary32: ε = 2⁻²³ ≈ 1.2e-7, range ±3.4e38. */
    F32("f32", 4, 0x1p-23);

    private final String label;
    private final int bytes;
    private final double epsilon;

    DType(String label, int bytes, double epsilon) {
        this.label = label;
        this.bytes = bytes;
        this.epsilon = epsilon;
    }

    /** @return the short name, {@code f64} or {@code f32}, as the command line and checkpoints spell it */
    public String label() {
        return label;
    }

    /** @return bytes per element */
    public int bytes() {
        return bytes;
    }

    /** @return the machine epsilon, the distance from 1 to the next larger value */
    public double epsilon() {
        return epsilon;
    }

    /**
     * @param text {@code f64}, {@code f32}, {@code float64}, {@code float32}, {@code double} or {@code float}, any case
     * @return the dtype
     * @throws IllegalArgumentException naming the text and the accepted spellings otherwise
     */
    public static DType parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "f64", "float64", "double" -> F64;
            case "f32", "float32", "float" -> F32;
            default -> throw new IllegalArgumentException("unknown dtype '" + text + "': use f32 or f64");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
