package io.github.gradgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
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
import io.github.gradgraph.nn.data.Standardizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file read by the executors, classes and standardization computed distributedly: the same statistics as one
 * machine's, and full-batch training on it equal to one machine's on the same file.
 */
class SparkCsvTest {
    private static JavaSparkContext sc;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
    }

    @Test
    void executorsReadTheFile_andTrainingEqualsOneMachine() throws IOException {
        Dataset spirals = Datasets.spirals(3, 60, 4);
        StringBuilder csv = new StringBuilder("x1,x2,arm\n");
        String[] names = {"alpha", "beta", "gamma"};
        for (int j = 0; j < spirals.size(); j++) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%s%n", spirals.x().get(0, j), spirals.x().get(1, j),
                    names[spirals.labels()[j]]));
        }
        Path file = dir.resolve("spirals.csv");
        Files.writeString(file, csv);

        Dataset local = CsvData.load(file, null);
        Standardizer st = Standardizer.fit(local.x());
        SparkCsv read = SparkCsv.read(sc, file.toString(), 3, 16, 3);
        assertEquals(local.size(), read.samples());
        assertEquals(local.classNames(), read.classNames());
        for (int i = 0; i < 2; i++) {
            assertEquals(st.mean()[i], read.standardizer().mean()[i], 1e-13 * (1 + Math.abs(st.mean()[i])));
            assertEquals(st.std()[i], read.standardizer().std()[i], 1e-13 * st.std()[i]);
        }

        NetworkSpec spec = new NetworkSpec(new int[] {2, 12, 3}, Activation.TANH, Activation.SOFTMAX,
                LossKind.SOFTMAX_CROSS_ENTROPY, 0);
        Network one = new Network(spec);
        ParameterStore single = Initializer.XAVIER.initialize(one, new ParameterStore(), 3);
        ParameterStore start = single.copy();
        TrainingHistory h = new Trainer(one, Optimizers.create("gd", 0.5)).fit(single,
                local.withFeatures(st.apply(local.x())), null, new TrainingPlan(30, TrainingPlan.FULL_BATCH, 1, 0),
                null);
        Network net = new Network(spec);
        ParameterStore store = new ParameterStore();
        for (Node p : net.parameters()) {
            store.set(p, start.get(p.label()));
        }
        double[] losses = new SparkTrainer(sc, net, Optimizers.create("gd", 0.5)).fit(read.blocks(), store, 30);
        for (int s = 0; s < 30; s++) {
            assertEquals(h.losses()[s], losses[s], 1e-11 * h.losses()[s], "J of step " + (s + 1));
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
    void aBadRecordOnAnExecutorNamesFileLineAndColumn() throws IOException {
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        for (int j = 0; j < 40; j++) {
            csv.append(j == 29 ? "0.5,abc,1\n" : j + ",0.25,0\n");
        }
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, csv);
        DataException e = assertThrows(DataException.class, () -> SparkCsv.read(sc, file.toString(), 1, 8, 3));
        assertEquals(file + " line 31, column 2 ('x2'): 'abc' is not a finite number", e.getMessage());

        Files.writeString(file, "x1,x2,label\n1,2,0\n1,2\n");
        e = assertThrows(DataException.class, () -> SparkCsv.read(sc, file.toString(), 1, 8, 2));
        assertEquals(file + " line 3: expected 3 columns, found 2", e.getMessage());

        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        e = assertThrows(DataException.class, () -> SparkCsv.read(sc, empty.toString(), 1, 8, 2));
        assertEquals(empty + " is empty", e.getMessage());

        String missing = dir.resolve("missing.csv").toString();
        e = assertThrows(DataException.class, () -> SparkCsv.read(sc, missing, 1, 8, 2));
        assertTrue(e.getMessage().startsWith(missing + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
