package io.github.gradgraph.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.Trainer;
import io.github.gradgraph.nn.TrainingPlan;
import io.github.gradgraph.nn.data.CsvData;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.Standardizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training on a real standalone cluster on 127.0.0.1 — master, worker, two executor JVMs and a driver JVM, all
 * started here: the executors read the CSV and share the work, the result equals one machine's, and an executor
 * killed (SIGKILL) mid-training changes not one bit of the result.
 */
class StandaloneClusterTest {
    private static final int STEPS = 40;
    private static final int PARTITIONS = 4;
    private static final int EXECUTORS = 2;

    private static StandaloneCluster cluster;
    private static Path csv;
    private static Run undisturbed;

    /** What a driver printed and the parameters it wrote. */
    record Run(List<String> lines, double[] params) {
        int count(String key) {
            return lines.stream().filter(l -> l.startsWith(key + " ")).mapToInt(l -> Integer.parseInt(l.split(" ")[1]))
                    .findFirst().orElseThrow(() -> new AssertionError("the driver did not report " + key + ": "
                            + lines));
        }
    }

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        cluster = new StandaloneCluster(EXECUTORS);
        Dataset spirals = Datasets.spirals(3, 200, 6);
        StringBuilder text = new StringBuilder("x1,x2,arm\n");
        for (int j = 0; j < spirals.size(); j++) {
            text.append(String.format(Locale.ROOT, "%s,%s,arm%d%n", spirals.x().get(0, j), spirals.x().get(1, j),
                    spirals.labels()[j]));
        }
        csv = cluster.home.resolve("spirals.csv");
        Files.writeString(csv, text);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoExecutorJvmsShareTheWork_andTheResultEqualsOneMachine() throws Exception {
        Run run = undisturbed();
        assertTrue(run.count("executors-with-tasks") >= 2, "tasks ran on fewer than two executors: " + run.lines());

        Dataset local = CsvData.load(csv, null);
        Dataset data = local.withFeatures(Standardizer.fit(local.x()).apply(local.x()));
        Network network = new Network(ClusterDriver.SPEC);
        ParameterStore store = ClusterDriver.initial(network);
        new Trainer(network, Optimizers.create("adam", ClusterDriver.LR)).fit(store, data, null,
                new TrainingPlan(STEPS, TrainingPlan.FULL_BATCH, 1, 0), null);
        double[] expected = flat(network, store);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertEquals(expected.length, run.params().length);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - run.params()[i]) <= 1e-12 * scale, "parameter entry " + i
                    + ": one machine " + expected[i] + ", cluster " + run.params()[i]);
        }
    }

    @Test
    void anExecutorKilledMidTraining_changesNoBitOfTheResult() throws Exception {
        Run killed = run("killed", 8);
        assertTrue(killed.count("executors-removed") >= 1, "no executor was lost: " + killed.lines());
        assertArrayEquals(undisturbed().params(), killed.params(), 0.0, "bitwise equal to the undisturbed run");
    }

    private static synchronized Run undisturbed() throws Exception {
        if (undisturbed == null) {
            undisturbed = run("undisturbed", -1);
        }
        return undisturbed;
    }

    /** Runs a driver; when {@code killAfter} ≥ 1, SIGKILLs one executor JVM once that step is done. */
    private static Run run(String name, int killAfter) throws Exception {
        Path out = cluster.home.resolve(name + ".params");
        Process driver = cluster.driver(name, ClusterDriver.class.getName(), List.of(cluster.url(), csv.toString(),
                out.toString(), Integer.toString(STEPS), Integer.toString(PARTITIONS), Integer.toString(EXECUTORS)));
        Thread watchdog = new Thread(() -> {
            try {
                if (!driver.waitFor(240, TimeUnit.SECONDS)) {
                    driver.destroyForcibly();
                }
            } catch (InterruptedException e) {
                driver.destroyForcibly();
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        List<String> lines = new ArrayList<>();
        boolean killed = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(driver.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                lines.add(line);
                if (!killed && line.startsWith("step " + killAfter + " ")) {
                    List<ProcessHandle> executors = cluster.executors();
                    assertTrue(executors.size() >= 2, "executors to kill: " + executors.size());
                    killed = executors.get(0).destroyForcibly();
                    lines.add("(killed executor JVM " + executors.get(0).pid() + ")");
                }
            }
        }
        int exit = driver.waitFor();
        assertEquals(0, exit, name + " driver failed: " + lines + "\n" + cluster.logs());
        assertTrue(killAfter < 1 || killed, "the executor was not killed: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("step " + STEPS + " ")), "training finished: " + lines);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(out));
        double[] params = new double[bytes.remaining() / Double.BYTES];
        bytes.asDoubleBuffer().get(params);
        return new Run(lines, params);
    }

    private static double[] flat(Network network, ParameterStore store) {
        List<Double> values = new ArrayList<>();
        for (Node p : network.parameters()) {
            for (double v : store.get(p).data) {
                values.add(v);
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
