package io.github.gradgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.Node;
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
import io.github.gradgraph.nn.data.CsvData;
import io.github.gradgraph.nn.data.DataException;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.Preprocessing;
import io.github.gradgraph.nn.data.Standardizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file read by the executors — label column, held-out split, scale and standardization computed distributedly —
 * gives what one machine's pipeline gives: the same held-out samples, the same statistics, and training equal to one
 * machine's on the same file, epoch by epoch.
 */
class SparkSamplesCsvTest {
    private static JavaSparkContext sc;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
    }

    /** Writes 3 spirals of 60 points, their features × {@code factor}, with the arm's name as the first column. */
    private Path spiralsCsv(String name, double factor) throws IOException {
        Dataset spirals = Datasets.spirals(3, 60, 4);
        StringBuilder csv = new StringBuilder("arm,x1,x2\n");
        String[] names = {"alpha", "beta", "gamma"};
        for (int j = 0; j < spirals.size(); j++) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%s%n", names[spirals.labels()[j]],
                    spirals.x().get(0, j) * factor, spirals.x().get(1, j) * factor));
            if (j == 50) {
                csv.append('\n'); // a blank line is no sample, on one machine or here
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void executorsReadSplitAndStandardize_andTrainingEqualsOneMachine() throws IOException {
        Path file = spiralsCsv("spirals.csv", 1);
        Dataset.Split local = CsvData.load(file, "arm").split(0.25, 7);
        Preprocessing prep = Preprocessing.fit(0.5, true, local.train().x());
        SparkSamples read = SparkSamples.readCsv(sc, file.toString(), "arm", 3);
        assertEquals(180, read.samples());
        assertEquals(local.train().classNames(), read.classNames());
        SparkSplit split = read.split(0.25, 7);
        assertEquals(local.train().size(), split.trainSize());
        assertEquals(local.test().size(), split.testSize());
        Preprocessing distributed = split.fit(0.5, true);
        assertSameStatistics(prep, distributed);
        assertEquals(0.5, distributed.scale());
        assertTrainsAsOneMachine(local, prep, split, distributed);
    }

    @Test
    void dataNearOneE300_standardizeAndTrainAsOnOneMachine_andPowersOfTwoChangeNoBit() throws IOException {
        // The plain two-pass formula squared values near 1e300 to ∞: σ = ∞, and every feature standardized to 0.
        Path file = spiralsCsv("huge.csv", 1e300);
        Dataset.Split local = CsvData.load(file, "arm").split(0.25, 7);
        Preprocessing prep = Preprocessing.fit(1, true, local.train().x());
        SparkSplit split = SparkSamples.readCsv(sc, file.toString(), "arm", 3).split(0.25, 7);
        Preprocessing distributed = split.fit(1, true);
        assertSameStatistics(prep, distributed);
        assertTrainsAsOneMachine(local, prep, split, distributed);

        Standardizer near1 = SparkSamples.readCsv(sc, spiralsCsv("spirals.csv", 1).toString(), "arm", 3)
                .split(0.25, 7).fit(1, true).standardizer();
        double twoTo900 = Math.scalb(1.0, 900);
        Standardizer scaled = SparkSamples.readCsv(sc, spiralsCsv("scaled.csv", twoTo900).toString(), "arm", 3)
                .split(0.25, 7).fit(1, true).standardizer();
        for (int i = 0; i < 2; i++) {
            assertEquals(Math.scalb(near1.mean()[i], 900), scaled.mean()[i], 0.0, "mean " + i + " × 2^900");
            assertEquals(Math.scalb(near1.std()[i], 900), scaled.std()[i], 0.0, "std " + i + " × 2^900");
        }

        // A scale that overflows a value is refused as on one machine, which names the first such value; the cluster
        // names the feature's extreme.
        String cluster = assertThrows(IllegalArgumentException.class, () -> split.fit(1e10, false)).getMessage();
        String oneMachine = assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.fit(1e10, false, local.train().x())).getMessage();
        for (String message : new String[] {cluster, oneMachine}) {
            assertTrue(message.matches("feature 1 of 2: -?[0-9.]+E[0-9]+ × the scale 1\\.0E10 = -?Infinity; values "
                    + "must stay finite"), message);
        }
    }

    /** μ and σ fitted on the cluster are one machine's, within rounding of the partitions' sums. */
    private static void assertSameStatistics(Preprocessing prep, Preprocessing distributed) {
        for (int i = 0; i < 2; i++) {
            double mean = prep.standardizer().mean()[i];
            double std = prep.standardizer().std()[i];
            assertTrue(Double.isFinite(std) && std > 0, "σ " + i + " on one machine: " + std);
            assertEquals(mean, distributed.standardizer().mean()[i], 1e-13 * (Math.abs(mean) + std), "mean " + i);
            assertEquals(std, distributed.standardizer().std()[i], 1e-13 * std, "std " + i);
        }
    }

    /** 30 full-batch epochs on the cluster's blocks give one machine's losses, accuracies and parameters. */
    private static void assertTrainsAsOneMachine(Dataset.Split local, Preprocessing prep, SparkSplit split,
            Preprocessing distributed) {
        NetworkSpec spec = new NetworkSpec(new int[] {2, 12, 3}, Activation.TANH, Activation.SOFTMAX,
                LossKind.SOFTMAX_CROSS_ENTROPY, 0);
        Network one = new Network(spec);
        ParameterStore single = Initializer.XAVIER.initialize(one, new ParameterStore(), 3);
        ParameterStore start = single.copy();
        TrainingPlan plan = new TrainingPlan(30, TrainingPlan.FULL_BATCH, 1, 0);
        TrainingHistory h = new Trainer(one, Optimizers.create("gd", 0.5)).fit(single,
                local.train().withFeatures(prep.apply(local.train().x())),
                local.test().withFeatures(prep.apply(local.test().x())), plan, null);
        Network net = new Network(spec);
        ParameterStore store = new ParameterStore();
        for (Node p : net.parameters()) {
            store.set(p, start.get(p.label()));
        }
        JavaRDD<SampleBlock> train = split.trainBlocks(distributed, 3, 16);
        JavaRDD<SampleBlock> test = split.testBlocks(distributed, 3, 16);
        TrainingHistory d = new SparkTrainer(sc, net, Optimizers.create("gd", 0.5)).fit(train, test, store, plan,
                null);
        for (int e = 0; e < 30; e++) {
            EpochStats a = h.epochs().get(e);
            EpochStats b = d.epochs().get(e);
            assertEquals(a.loss(), b.loss(), 1e-11 * a.loss(), "loss of epoch " + (e + 1));
            assertEquals(a.trainAccuracy(), b.trainAccuracy(), 0.0, "train accuracy of epoch " + (e + 1));
            assertEquals(a.testLoss(), b.testLoss(), 1e-11 * a.testLoss(), "test loss of epoch " + (e + 1));
            assertEquals(a.testAccuracy(), b.testAccuracy(), 0.0, "test accuracy of epoch " + (e + 1));
        }
        for (Node p : net.parameters()) {
            double[] a = single.get(p.label()).data;
            double[] b = store.get(p).data;
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-11 * (1 + Math.abs(a[i])), p.label() + "[" + i + "]");
            }
        }
        assertTrue(h.finalLoss() < h.losses()[0]);
    }

    @Test
    void aTestFile_isMatchedByClassName_andAnUnknownClassIsNamed() throws IOException {
        Path trainFile = Files.writeString(dir.resolve("train.csv"), "x,label\n1,cat\n2,dog\n3,cat\n4,dog\n");
        Path testFile = Files.writeString(dir.resolve("test.csv"), "x,label\n1.5,dog\n");
        SparkSamples train = SparkSamples.readCsv(sc, trainFile.toString(), null, 2);
        SparkSplit split = train.withTestFile(SparkSamples.readCsv(sc, testFile.toString(), null, 1));
        Preprocessing p = split.fit(1, false);
        SampleBlock only = split.testBlocks(p, 1, 8).first();
        assertEquals(1.0, only.yMatrix().get(0, 0), "dog is class 1 of the training file, alone in the test file");

        Path other = Files.writeString(dir.resolve("other.csv"), "x,label\n1,cat\n2,bird\n");
        DataException e = assertThrows(DataException.class,
                () -> train.withTestFile(SparkSamples.readCsv(sc, other.toString(), null, 1)));
        assertEquals(other + " has class 'bird', which " + trainFile + " does not have (its classes: cat, dog)",
                e.getMessage());
    }

    @Test
    void aBadRecordOnAnExecutorNamesFileLineAndColumn() throws IOException {
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        for (int j = 0; j < 40; j++) {
            csv.append(j == 29 ? "0.5,abc,1\n" : j + ",0.25,0\n");
        }
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, csv);
        DataException e = assertThrows(DataException.class, () -> SparkSamples.readCsv(sc, file.toString(), null, 3));
        assertEquals(file + " line 31, column 2 ('x2'): 'abc' is not a finite number", e.getMessage());

        Files.writeString(file, "x1,x2,label\n1,2,0\n1,2\n");
        e = assertThrows(DataException.class, () -> SparkSamples.readCsv(sc, file.toString(), null, 2));
        assertEquals(file + " line 3: expected 3 columns, found 2", e.getMessage());

        e = assertThrows(DataException.class, () -> SparkSamples.readCsv(sc, file.toString(), "y", 2));
        assertEquals(file + ": no label column 'y' (columns: x1, x2, label)", e.getMessage());

        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        e = assertThrows(DataException.class, () -> SparkSamples.readCsv(sc, empty.toString(), null, 2));
        assertEquals(empty + " is empty", e.getMessage());

        String missing = dir.resolve("missing.csv").toString();
        e = assertThrows(DataException.class, () -> SparkSamples.readCsv(sc, missing, null, 2));
        assertTrue(e.getMessage().startsWith(missing + ": no such file, as the cluster sees it ("), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
