package io.github.gradgraph.graph.exec;

/** How much a run validates its feeds and parameter values before computing. */
public enum Checks {
    /** Names, shapes, the batch dimension, and that every value is finite: the default. */
    FULL,
    /**
     * Names, shapes and the batch dimension, without scanning every value for NaN or ∞: for values already checked,
     * such as mini-batches of a data set validated when it was loaded and parameters only ever updated with finite
     * gradients. The scan reads every input once more per run, which on a large input is a measurable share of a
     * training step.
     */
    SHAPES
}
