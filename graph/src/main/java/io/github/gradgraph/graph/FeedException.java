package io.github.gradgraph.graph;

/**
 * A run's inputs or parameter values are missing, unknown, of the wrong shape or not finite. Raised before anything
 * is computed, so no buffer, parameter or output has changed.
 */
public class FeedException extends GraphException {
    /** @param message the input or parameter at fault and what is wrong with it */
    public FeedException(String message) {
        super(message);
    }
}
