package io.github.gradgraph.cli;

import io.github.gradgraph.core.DType;

/** The {@code --dtype} and {@code --save-dtype} options' values: f32 or f64 (float32, float64, float, double too). */
final class DTypeOption {
    private DTypeOption() {
    }

    /** @return the dtype {@code text} names, or {@code otherwise} when it is null */
    static DType parse(String option, String text, DType otherwise) {
        if (text == null) {
            return otherwise;
        }
        try {
            return DType.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " '" + text + "': choose f32 or f64");
        }
    }

    /** @return how a command's first line names what it computes in */
    static String describe(DType dtype) {
        return dtype == DType.F32 ? "float32 (parameters and optimizer state float64)" : "float64";
    }
}
