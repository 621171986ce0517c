package io.github.gradgraph.graph.ops;

import io.github.gradgraph.graph.FeedException;

/**
 * Token ids as the sequence primitives read them: whole numbers from −1 (no token: a zero column) to V − 1, held in
 * a matrix of doubles (or floats).
 */
final class TokenIds {
    private TokenIds() {
    }

    /**
     * @return the id as an int
     * @throws FeedException naming the op, the value and where it is, when it is not a whole number in [−1, V)
     */
    static int check(String op, double value, int index, int cols, int vocabulary) {
        int id = (int) value;
        if (id != value || id < -1 || id >= vocabulary) {
            throw new FeedException(op + ": token id " + value + " at row " + index / cols + ", column "
                    + index % cols + " is not a whole number from −1 (no token) to " + (vocabulary - 1) + " (a "
                    + "vocabulary of " + vocabulary + ")");
        }
        return id;
    }
}
