/**
 * Training on a cluster, as a service the {@code gradgraph-spark} module provides when it is on the classpath: the
 * command line finds it with {@link io.github.gradgraph.nn.cluster.ClusterTraining#find()} and never depends on Spark
 * itself, so that a build without the cluster module needs no Spark at all.
 */
package io.github.gradgraph.nn.cluster;
