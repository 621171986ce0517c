package io.github.gradgraph.cli;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.Trainer;
import io.github.gradgraph.nn.TrainingHistory;
import io.github.gradgraph.nn.TrainingPlan;
import io.github.gradgraph.nn.cluster.ClusterData;
import io.github.gradgraph.nn.cluster.ClusterSession;
import io.github.gradgraph.nn.cluster.ClusterTraining;
import io.github.gradgraph.nn.data.DataSource;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.Preprocessing;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.optim.Optimizer;
import java.nio.file.Path;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code gradgraph train --master …}: the same experiment as on one machine, trained on a cluster through the
 * {@link ClusterTraining} service (gradgraph's Spark module, on the classpath only when a cluster is asked for). A CSV,
 * numpy or HDF5 file is read by the cluster's workers, each its own part; a built-in data set (fashion-mnist among
 * them) or an IDX file is made or read here, as without a cluster, and sent once. The driver — this program — keeps
 * the optimizer, draws the progress bar and writes the checkpoint, history and pictures as always.
 */
final class ClusterRun implements AutoCloseable {
    /** Training samples brought here for the gradient check and the decision-boundary picture. */
    static final int SAMPLE = 1000;
    /** The largest block of samples a full-batch step computes at once on a worker. */
    static final int FULL_BATCH_BLOCK = 4096;

    private final ClusterSession session;
    private ClusterData data;

    private ClusterRun(ClusterSession session) {
        this.session = session;
    }

    /** @param master the --master URL, or null for the one spark-submit set */
    static ClusterRun open(String master) {
        ClusterTraining service = ClusterTraining.find().orElseThrow(() -> new IllegalArgumentException(
                "--master needs gradgraph's Spark module, and this program was started without it: start it with "
                + "./gradgraph, which adds the module and Spark when --master is given, or submit the gradgraph-spark "
                + "jar with spark-submit (see the README, \"Training on a Spark cluster\")"));
        return new ClusterRun(service.open(master, "gradgraph train"));
    }

    /** @return what runs the work */
    String describe() {
        return session.describe();
    }

    /**
     * @param partitions at least this many partitions of the data; null for the cluster's default
     * @param batch      the batch size ({@link TrainingPlan#FULL_BATCH} for all samples)
     * @return the experiment the options describe, its samples on the cluster
     */
    Experiment experiment(DataOptions d, NetworkOptions n, Checkpoint resume, Integer partitions, int batch) {
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
        }
        int parts = partitions != null ? partitions : session.defaultPartitions();
        if (resume != null) {
            Resume.fill(d, n, resume);
        }
        String name = d.data == null ? "flower" : d.data;
        if (isBuiltIn(name) || DataSource.formatOf(Path.of(name)) == DataSource.Format.IDX) {
            Experiment e = new Experiment(d, n, resume); // filling from the checkpoint again changes nothing
            data = session.distribute(e.train, e.test, parts);
            data.prepare(Preprocessing.NONE, outputs(e.network.spec()), blockSize(batch, e.trainSize, parts));
            return e;
        }
        DataSource source = Experiment.source(d, name, "--data");
        boolean csv = source.format() == DataSource.Format.CSV;
        DataSource test = null;
        if (d.testData != null) {
            Experiment.requireOneTestSource(d);
            test = Experiment.testFile(d);
            if ((test.format() == DataSource.Format.CSV) != csv) {
                throw new IllegalArgumentException("--test-data " + d.testData + ": on a cluster, the test samples "
                        + "must be in a file of the training data's kind (" + (csv ? "CSV" : "numpy or HDF5") + ")");
            }
        }
        long seed = n.seed == null ? 1 : n.seed;
        double fraction = d.testFraction == null ? Experiment.DEFAULT_TEST_FRACTION : d.testFraction;
        data = csv ? session.readCsv(name, d.labelColumn, d.testData, fraction, seed, parts)
                : session.readArrays(source, test == null ? null : Experiment.testSource(test), fraction, seed, parts);
        Preprocessing p = resume != null ? resume.preprocessing()
                : data.fit(Scale.parse(d.scale), Experiment.standardizes(d, source));
        String shown = fileName(name);
        Dataset shape = new Dataset(shown, new DMatrixRMaj(data.features(), 0), new int[0], data.classNames());
        NetworkSpec spec = resume != null ? resume.spec() : Experiment.spec(n, shape);
        data.prepare(p, outputs(spec), blockSize(batch, data.trainSize(), parts));
        Dataset sample = data.head(SAMPLE);
        return new Experiment(d, n, resume, spec, p, new Dataset(shown, sample.x(), sample.labels(),
                sample.classNames()), data.trainSize(), data.testSize(), fileName(data.testName()));
    }

    /** Trains {@code e}'s network on the cluster, as {@link Trainer#fit} would here. */
    TrainingHistory fit(Experiment e, Optimizer optimizer, TrainingPlan plan, Trainer.Listener listener,
            DType dtype) {
        return session.fit(e.network, optimizer, e.params, data, plan, listener, dtype);
    }

    @Override
    public void close() {
        session.close();
    }

    /** @return true when {@code data} names a built-in data set (or nothing but a mistyped one), not a file */
    static boolean isBuiltIn(String data) {
        return Datasets.NAMES.contains(data.toLowerCase(Locale.ROOT))
                || (!data.contains(".") && !data.contains("/") && !java.nio.file.Files.exists(Path.of(data)));
    }

    /** @return the last part of a path or URI, as one machine names a data set after its file */
    private static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 || slash == path.length() - 1 ? path : path.substring(slash + 1);
    }

    private static int outputs(NetworkSpec spec) {
        return spec.size(spec.depth());
    }

    /** @return the batch size for mini-batches; for full batch, an even share of the samples per partition */
    private static int blockSize(int batch, long m, int partitions) {
        if (batch != TrainingPlan.FULL_BATCH && batch < m) {
            return batch;
        }
        return (int) Math.max(1, Math.min(FULL_BATCH_BLOCK, (m + partitions - 1) / partitions));
    }
}
