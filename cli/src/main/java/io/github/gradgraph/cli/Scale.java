package io.github.gradgraph.cli;

/** The {@code --scale} option's value: a number or a fraction such as 1/255. */
final class Scale {
    private Scale() {
    }

    /** @return the factor; 1 for null */
    static double parse(String text) {
        if (text == null) {
            return 1;
        }
        String[] parts = text.split("/", -1);
        double v = Double.NaN;
        try {
            v = parts.length == 1 ? Double.parseDouble(parts[0].strip())
                    : parts.length == 2 ? Double.parseDouble(parts[0].strip()) / Double.parseDouble(parts[1].strip())
                    : Double.NaN;
        } catch (NumberFormatException e) {
            // reported below
        }
        if (!Double.isFinite(v) || v == 0) {
            throw new IllegalArgumentException("--scale '" + text + "' is not a finite number other than 0 "
                    + "(e.g. 0.5 or 1/255)");
        }
        return v;
    }
}
