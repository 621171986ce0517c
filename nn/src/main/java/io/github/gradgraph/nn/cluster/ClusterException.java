package io.github.gradgraph.nn.cluster;

/**
 * The cluster could not do the work — no executors, a lost connection, a job aborted for a reason other than the data
 * or the training itself (those are {@code DataException} and {@code TrainingException}, as on one machine).
 */
public class ClusterException extends RuntimeException {
    /** @param message what failed, in one line; @param cause the cluster's own report */
    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
