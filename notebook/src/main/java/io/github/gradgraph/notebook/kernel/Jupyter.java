package io.github.gradgraph.notebook.kernel;

import io.github.gradgraph.notebook.DisplaySink;
import io.github.gradgraph.notebook.Rich;
import io.github.gradgraph.notebook.Show;

/**
 * What a notebook cell calls: {@code Jupyter.show(derivation)} shows an object now, in the middle of a cell;
 * {@code String id = Jupyter.display(x); … Jupyter.update(id, y);} replaces that output in place; and
 * {@code Jupyter.sink()} is where live displays go ({@code new LiveChart(Jupyter.sink(), "loss")}). An object that
 * gradgraph does not know is shown as its {@code toString()}.
 *
 * <p>{@link #show} returns nothing on purpose: a cell ending in it would otherwise also print the id as its value.
 */
public final class Jupyter {
    private Jupyter() {
    }

    /** @return the running kernel's display sink */
    public static DisplaySink sink() {
        return KernelSink.running();
    }

    /** Shows {@code o} as a new output of the running cell. */
    public static void show(Object o) {
        sink().show(rich(o));
    }

    /** Shows {@code o} as a new output; @return the id that {@link #update} replaces it by */
    public static String display(Object o) {
        return sink().show(rich(o));
    }

    /** Replaces the output shown as {@code id} (from {@link #display}) with {@code o}. */
    public static void update(String id, Object o) {
        sink().update(id, rich(o));
    }

    /** @return how a notebook shows {@code o}: its {@link Show#of} bundle, or its text */
    static Rich rich(Object o) {
        Rich r = Show.of(o); // a Rich as it is
        return r != null ? r : Rich.of(Rich.PLAIN, String.valueOf(o), String.valueOf(o));
    }
}
