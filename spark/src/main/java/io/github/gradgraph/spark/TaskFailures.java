package io.github.gradgraph.spark;

import io.github.gradgraph.graph.NonFiniteException;
import io.github.gradgraph.nn.TrainingException;
import io.github.gradgraph.nn.cluster.ClusterException;
import io.github.gradgraph.nn.data.DataException;

/**
 * Turns a failed Spark job back into the library's own error: an executor's {@link DataException} (which names the
 * file, line and column) or {@link NonFiniteException} (a J or gradient that is NaN or ∞, and where it started) arrives on the driver wrapped in a {@code SparkException} whose message is a stage report
 * and a stack trace; the data error is what a user needs. ({@code SparkException} is checked, yet Scala methods
 * throw it undeclared, so callers catch {@code Exception}.)
 */
final class TaskFailures {
    private TaskFailures() {
    }

    /**
     * @return the data or training error inside {@code e}; else a {@link ClusterException} with the first line of
     *         Spark's report, or {@code e} itself when it is not Spark's
     */
    static RuntimeException unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataException d) {
                return new DataException(d.getMessage(), e);
            }
            if (t instanceof NonFiniteException n) {
                return new TrainingException(n.getMessage());
            }
        }
        if (e instanceof RuntimeException r && !r.getClass().getName().startsWith("org.apache.spark.")) {
            return r;
        }
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return new ClusterException("the Spark job failed: " + message, e);
    }
}
