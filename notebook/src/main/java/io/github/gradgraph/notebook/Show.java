package io.github.gradgraph.notebook;

/**
 * The library's objects as a notebook shows them. {@link #of(Object)} is what a kernel's display adapter asks for a
 * cell's value; the named methods are what a notebook calls for a chosen view.
 */
public final class Show {
    private Show() {
    }

    /**
     * @return how a notebook shows {@code o} (a node, a derivation, a formula, a check report, a data set, a training
     *     history, a {@link Displayable}), or null for an object this library does not know
     */
    public static Rich of(Object o) {
        if (o instanceof Displayable d) {
            return d.rich();
        }
        return null;
    }
}
