package io.github.gradgraph.graph;

/**
 * Operand shapes that do not fit an operation, raised when the node is created, e.g.
 * {@code matmul W2 (3×4) · A1 (5×m): inner dimensions 4 ≠ 5 (at Net.java:42)}.
 */
public class ShapeException extends GraphException {
    /** @param message the op, the operands' names and shapes, and the call site */
    public ShapeException(String message) {
        super(message);
    }
}
