package io.github.gradgraph.nn.cluster;

import java.util.Optional;
import java.util.ServiceLoader;

/** A way to train on a cluster; the {@code gradgraph-spark} module provides one (Apache Spark). */
public interface ClusterTraining {
    /** @return the implementation on the classpath, if any */
    static Optional<ClusterTraining> find() {
        return ServiceLoader.load(ClusterTraining.class).findFirst();
    }

    /**
     * Connects to a cluster.
     *
     * @param master  where to run: {@code local[N]}, {@code spark://host:port}, …; null for the one the launching tool
     *                (such as spark-submit) set
     * @param appName the name the cluster shows
     * @throws IllegalArgumentException when there is no master to use or it is malformed
     */
    ClusterSession open(String master, String appName);
}
