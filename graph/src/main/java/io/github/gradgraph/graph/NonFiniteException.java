package io.github.gradgraph.graph;

/**
 * A run computed a NaN or an infinity. The message names the output that is not finite and the first node, in the
 * order the program computes them, whose value went non-finite: its name, operation, where it was made, the row and
 * column, and its operands' values there (such as {@code log of 0}). Raised by the run itself, before the caller can
 * use the values, so no parameter is ever updated from them.
 */
public class NonFiniteException extends GraphException {
    /** @param message the output and the first culprit node */
    public NonFiniteException(String message) {
        super(message);
    }
}
