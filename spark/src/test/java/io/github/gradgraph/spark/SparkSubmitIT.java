package io.github.gradgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The application jar, as the README tells users to run it: {@code spark-submit --class io.github.gradgraph.cli.Main}
 * (Spark's {@code SparkSubmit}, on a Spark installation's jars only) against a standalone cluster whose executors
 * know nothing of gradgraph but what the jar brings. It trains like {@code gradgraph train} on one machine.
 */
class SparkSubmitIT {
    @Test
    void theApplicationJarTrainsOnAStandaloneClusterThroughSparkSubmit() throws Exception {
        Path jar = Path.of(System.getProperty("gradgraph.spark.app.jar"));
        assertTrue(Files.isRegularFile(jar), "the package phase made " + jar);
        try (StandaloneCluster cluster = new StandaloneCluster(2)) {
            Path csv = cluster.home.resolve("moons.csv");
            Dataset moons = Datasets.moons(500, 0.2, 3);
            StringBuilder text = new StringBuilder("x1,x2,label\n");
            for (int j = 0; j < moons.size(); j++) {
                text.append(String.format(Locale.ROOT, "%s,%s,%d%n", moons.x().get(0, j), moons.x().get(1, j),
                        moons.labels()[j]));
            }
            Files.writeString(csv, text);
            List<String> train = List.of("train", "--data", csv.toString(), "--epochs", "15", "--batch-size", "all",
                    "--lr", "0.05", "--no-progress", "--no-gradcheck", "--json");
            Path out = cluster.home.resolve("submitted");
            Process submit = cluster.start("spark-submit", cluster.home.resolve("jars") + "/*",
                    "org.apache.spark.deploy.SparkSubmit", concat(List.of("--master", cluster.url(), "--conf",
                            "spark.executor.cores=1", "--conf", "spark.cores.max=2", "--conf",
                            "spark.executor.memory=512m", "--conf", "spark.driver.host=127.0.0.1", "--conf",
                            "spark.ui.enabled=false", "--class", "io.github.gradgraph.cli.Main", jar.toString()),
                            concat(train, List.of("--partitions", "4", "--out", out.toString()))));
            assertTrue(submit.waitFor(240, TimeUnit.SECONDS), "spark-submit finished\n" + cluster.logs());
            String log = Files.readString(cluster.home.resolve("logs").resolve("spark-submit.log"));
            assertEquals(0, submit.exitValue(), log + cluster.logs());
            assertTrue(log.contains("Training on Spark "), log);
            assertTrue(log.contains("master " + cluster.url()), log);
            assertTrue(Files.isRegularFile(out.resolve("model.safetensors")));
            JsonNode cluster1 = json(log);

            StringWriter here = new StringWriter();
            int code = io.github.gradgraph.cli.Main.run(new PrintWriter(here, true), new PrintWriter(System.err, true),
                    concat(train, List.of("--out", cluster.home.resolve("here").toString())).toArray(String[]::new));
            assertEquals(0, code, here.toString());
            JsonNode one = json(here.toString());
            assertEquals(one.get("final_loss").asDouble(), cluster1.get("final_loss").asDouble(),
                    1e-10 * one.get("final_loss").asDouble(), "final J: one machine vs the cluster");
            assertEquals(one.get("train_accuracy").asDouble(), cluster1.get("train_accuracy").asDouble(), 0.0);
            assertEquals(one.get("test_accuracy").asDouble(), cluster1.get("test_accuracy").asDouble(), 0.0);
            assertEquals(one.get("test_loss").asDouble(), cluster1.get("test_loss").asDouble(),
                    1e-10 * one.get("test_loss").asDouble());
        }
    }

    private static JsonNode json(String output) throws Exception {
        String last = output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no JSON line in:\n" + output));
        return new ObjectMapper().readTree(last);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
