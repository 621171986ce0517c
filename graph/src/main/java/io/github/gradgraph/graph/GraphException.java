package io.github.gradgraph.graph;

/** The base of every error gradgraph raises about a graph, its values or its gradients. */
public class GraphException extends RuntimeException {
    /** @param message what is wrong, naming the culprit */
    public GraphException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the culprit
     * @param cause   the underlying failure
     */
    public GraphException(String message, Throwable cause) {
        super(message, cause);
    }
}
