package io.github.gradgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.EpochStats;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.Trainer;
import io.github.gradgraph.nn.TrainingHistory;
import io.github.gradgraph.nn.TrainingPlan;
import io.github.gradgraph.nn.data.DataException;
import io.github.gradgraph.nn.data.DataFiles;
import io.github.gradgraph.nn.data.DataSource;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Preprocessing;
import io.github.gradgraph.nn.optim.Optimizers;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * numpy and HDF5 files written by numpy and h5py (fixtures/make_fixtures.py), read by the executors a range of
 * samples each: compressed .npz, chunked gzip HDF5, a .npy with its label last in C and in Fortran order, images with
 * a separate test file. Held out, standardized and trained, they give what one machine gives from {@code DataFiles}.
 */
class SparkSamplesArraysTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
    }

    @Test
    void everyArrayFormat_trainsAsOneMachineTrainsIt() {
        List<DataSource> sources = List.of(new DataSource(file("moons_xy.npz"), null, null, "X", "Y"),
                new DataSource(file("moons.h5"), null, null, "x", "y"),
                new DataSource(file("moons_last.npy"), null, null, null, null),
                new DataSource(file("moons_fortran.npy"), null, null, null, null));
        for (DataSource s : sources) {
            Dataset.Split local = DataFiles.load(s).split(0.2, 5);
            SparkSamples read = SparkSamples.readArrays(sc, s, 3);
            assertEquals(300, read.samples());
            assertEquals(local.train().classNames(), read.classNames(), s.file().toString());
            SparkSplit split = read.split(0.2, 5);
            compare(s.file().getFileName().toString(), local.train(), local.test(), split, true);
        }
    }

    @Test
    void imagesWithATestFile_areMatchedByClassName() {
        DataSource train = new DataSource(file("images_train.h5"), null, null, "train_set_x", "train_set_y");
        DataSource test = new DataSource(file("images_test.h5"), null, null, "test_set_x", "test_set_y");
        Dataset localTrain = DataFiles.load(train);
        Dataset localTest = DataFiles.load(test).withClassesOf(localTrain);
        SparkSplit split = SparkSamples.readArrays(sc, train, 2).withTestFile(SparkSamples.readArrays(sc, test, 2));
        assertEquals(48, split.source().features(), "4×4×3 pixels flattened");
        compare("images", localTrain, localTest, split, false);
    }

    @Test
    void aNonFiniteValueOrABadLabel_isNamedBySampleAndFeature() {
        DataException e = assertThrows(DataException.class, () -> SparkSamples.readArrays(sc,
                new DataSource(file("moons_nan.npy"), null, null, null, null), 3));
        assertEquals(file("moons_nan.npy") + ": sample 123, feature 1 is NaN; values must be finite", e.getMessage());
        e = assertThrows(DataException.class, () -> SparkSamples.readArrays(sc,
                new DataSource(file("moons_bad_label.npy"), null, null, null, null), 3));
        assertEquals(file("moons_bad_label.npy") + " (last column): sample 45 has label 2.5; labels must be class "
                + "indices 0, 1, … (0/1 for a sigmoid output) or one-hot rows", e.getMessage());
        e = assertThrows(DataException.class, () -> SparkSamples.readArrays(sc,
                new DataSource(file("moons_xy.npz"), null, null, "X", "labels"), 3));
        assertTrue(e.getMessage().contains("no array 'labels'"), e.getMessage());
    }

    private static void compare(String what, Dataset train, Dataset test, SparkSplit split, boolean standardize) {
        Preprocessing prep = Preprocessing.fit(1, standardize, train.x());
        Preprocessing distributed = split.fit(1, standardize);
        NetworkSpec spec = new NetworkSpec(new int[] {train.features(), 6, 1}, Activation.TANH, Activation.SIGMOID,
                LossKind.BCE, 0.01);
        Network one = new Network(spec);
        ParameterStore single = Initializer.XAVIER.initialize(one, new ParameterStore(), 2);
        Network net = new Network(spec);
        ParameterStore store = new ParameterStore();
        net.parameters().forEach(p -> store.set(p, single.get(p.label()).copy()));
        TrainingPlan plan = new TrainingPlan(8, TrainingPlan.FULL_BATCH, 1, 0);
        TrainingHistory h = new Trainer(one, Optimizers.create("adam", 0.01)).fit(single,
                train.withFeatures(prep.apply(train.x())), test.withFeatures(prep.apply(test.x())), plan, null);
        TrainingHistory d = new SparkTrainer(sc, net, Optimizers.create("adam", 0.01)).fit(
                split.trainBlocks(distributed, 1, 32), split.testBlocks(distributed, 1, 32), store, plan, null);
        for (int e = 0; e < 8; e++) {
            EpochStats a = h.epochs().get(e);
            EpochStats b = d.epochs().get(e);
            assertEquals(a.loss(), b.loss(), 1e-11 * a.loss(), what + " loss of epoch " + (e + 1));
            assertEquals(a.trainAccuracy(), b.trainAccuracy(), 0.0, what + " train accuracy");
            assertEquals(a.testLoss(), b.testLoss(), 1e-11 * a.testLoss(), what + " test loss");
            assertEquals(a.testAccuracy(), b.testAccuracy(), 0.0, what + " test accuracy");
        }
    }

    private static Path file(String name) {
        try {
            return Path.of(SparkSamplesArraysTest.class.getResource("fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
