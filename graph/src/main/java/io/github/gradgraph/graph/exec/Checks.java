package io.github.gradgraph.graph.exec;

/** How much a run validates: its feeds and parameter values before computing, and its outputs after. */
public enum Checks {
    /**
     * Names, shapes, the batch dimension and that every feed and parameter value is finite, before computing; that
     * every output is finite, after (a non-finite output is a {@link io.github.gradgraph.graph.NonFiniteException}
     * naming the node where it started). The default.
     */
    FULL,
    /**
     * Names, shapes and the batch dimension, without scanning every feed and parameter value, for values already
     * checked (mini-batches of a data set validated when it was loaded, parameters only ever updated with finite
     * gradients); outputs are still checked. The scan of a large input is a measurable share of a training step.
     */
    SHAPES,
    /**
     * Names, shapes and the batch dimension only: no value is scanned, before or after. For code that has validated
     * its data and checks its results itself; a NaN then reaches the caller silently.
     */
    NONE
}
