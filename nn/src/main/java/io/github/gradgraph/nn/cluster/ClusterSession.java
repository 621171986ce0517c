package io.github.gradgraph.nn.cluster;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.Trainer;
import io.github.gradgraph.nn.TrainingHistory;
import io.github.gradgraph.nn.TrainingPlan;
import io.github.gradgraph.nn.data.DataSource;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.optim.Optimizer;

/**
 * A connection to a cluster: data read or sent there, and training whose optimizer state stays here (on the driver)
 * while the gradients are computed where the data are.
 */
public interface ClusterSession extends AutoCloseable {
    /** @return what runs the work, such as "Spark 4.2.0, master local[2], 2 cores" */
    String describe();

    /** @return the partitions data are cut into unless told otherwise */
    int defaultPartitions();

    /**
     * Reads a CSV file on the cluster's workers, as one machine reads it.
     *
     * @param path         a path every worker can read
     * @param labelColumn  a header name or 0-based index; null for the last column
     * @param testPath     a CSV file of test samples (classes matched by name), or null to hold out
     *                     {@code testFraction} of {@code path}'s samples as one machine would with {@code seed}
     * @param partitions   at least this many partitions
     */
    ClusterData readCsv(String path, String labelColumn, String testPath, double testFraction, long seed,
            int partitions);

    /**
     * Reads a {@code .npy}, {@code .npz} or HDF5 file on the cluster's workers, each its own range of samples; only
     * the labels are read here.
     *
     * @param train        a file every worker can read, with its arrays named as {@code DataFiles.load} takes them
     * @param test         a second such file of test samples (classes matched by name), or null to hold out
     *                     {@code testFraction} of the training samples as one machine would with {@code seed}
     * @param partitions   this many ranges of samples
     */
    ClusterData readArrays(DataSource train, DataSource test, double testFraction, long seed, int partitions);

    /** Sends samples held here (already preprocessed) to the cluster; {@code test} may be null. */
    ClusterData distribute(Dataset train, Dataset test, int partitions);

    /**
     * Trains as {@link Trainer#fit(ParameterStore, Dataset, Dataset, TrainingPlan, Trainer.Listener)} does, with the
     * same epoch statistics; {@code data} must be {@link ClusterData#prepare prepared}.
     */
    default TrainingHistory fit(Network network, Optimizer optimizer, ParameterStore store, ClusterData data,
            TrainingPlan plan, Trainer.Listener listener) {
        return fit(network, optimizer, store, data, plan, listener, DType.F64);
    }

    /**
     * As {@link #fit(Network, Optimizer, ParameterStore, ClusterData, TrainingPlan, Trainer.Listener)}, the workers'
     * programs computing in {@code dtype} (as {@link Trainer#Trainer(Network, Optimizer, DType)}: the parameters and
     * the optimizer's state stay float64, here).
     */
    TrainingHistory fit(Network network, Optimizer optimizer, ParameterStore store, ClusterData data,
            TrainingPlan plan, Trainer.Listener listener, DType dtype);

    /** Disconnects; the cluster's resources for this session are freed. */
    @Override
    void close();
}
