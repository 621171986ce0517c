package io.github.gradgraph.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A real Spark standalone cluster on 127.0.0.1, every part its own JVM: a master, then (once the master answers) a
 * worker that starts executor JVMs for each application. Ports are free ones; logs go to a temporary folder, quoted
 * when something fails; {@link #close} stops every process it started, executors included.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(90);

    final Path home;
    private final int masterPort = freePort();
    private final int masterUi = freePort();
    private final Process master;
    private final Process worker;

    /**
     * @param workerCores cores the worker offers; an application asking 1 core per executor gets this many
     *                    executor JVMs
     */
    StandaloneCluster(int workerCores) throws IOException, InterruptedException {
        this(workerCores, "2g");
    }

    /** @param workerMemory what the worker offers its executors, such as 2g */
    StandaloneCluster(int workerCores, String workerMemory) throws IOException, InterruptedException {
        home = Files.createTempDirectory("gradgraph-spark-home");
        Path jars = Files.createDirectories(home.resolve("jars")); // $SPARK_HOME/jars/*: on executors' classpath
        for (Path jar : installation()) {
            Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
        }
        Files.createDirectories(home.resolve("logs"));
        master = start("master", "org.apache.spark.deploy.master.Master", List.of("-Dspark.master.rest.enabled=false"),
                "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port",
                Integer.toString(masterUi));
        await("the master's web UI", () -> state() != null);
        worker = start("worker", "org.apache.spark.deploy.worker.Worker", List.of(), "--host", "127.0.0.1",
                "--cores", Integer.toString(workerCores), "--memory", workerMemory, "--webui-port",
                Integer.toString(freePort()), "--work-dir", home.resolve("work").toString(), url());
        await("a worker alive at the master", () -> {
            JsonNode s = state();
            return s != null && s.path("aliveworkers").asInt() >= 1;
        });
    }

    /** @return the master's URL, spark://127.0.0.1:port */
    String url() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** @return the executor JVMs the worker is running now (its only children: drivers run outside the cluster) */
    List<ProcessHandle> executors() {
        return worker.children().filter(ProcessHandle::isAlive).toList();
    }

    /**
     * @return a JVM running {@code mainClass} on the test classpath with Spark's flags, its stdout piped to the
     *         caller and its stderr written to logs/{@code name}.err
     */
    Process driver(String name, String mainClass, List<String> args) throws IOException {
        ProcessBuilder b = java(mainClass, List.of("-Xmx768m"), args);
        b.redirectError(home.resolve("logs").resolve(name + ".err").toFile());
        return b.start();
    }

    /** @return the last lines of every log, for a failure message */
    String logs() {
        StringBuilder out = new StringBuilder();
        try (var files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".jar")).toList()) {
                List<String> lines = Files.readAllLines(f);
                out.append("--- ").append(home.relativize(f)).append('\n');
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> out.append(
                        l.length() > 400 ? l.substring(0, 400) + " …" : l).append('\n')); // classpaths are long
            }
        } catch (IOException | UncheckedIOException e) {
            out.append("(logs unreadable: ").append(e.getMessage()).append(")");
        }
        return out.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : new Process[] {worker, master}) {
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
        }
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    /** @return the classpath of the tests: this module's classes, its tests and every dependency, Spark included */
    static String classpath() {
        Path file = Path.of(System.getProperty("gradgraph.test.classpath"));
        Path target = file.getParent();
        try {
            return target.resolve("test-classes") + java.io.File.pathSeparator + target.resolve("classes")
                    + java.io.File.pathSeparator + Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("run the tests through Maven, which writes " + file, e);
        }
    }

    /** @return the jars a Spark installation holds (Spark and its helpers; no gradgraph), as the build lists them */
    static List<Path> installation() {
        Path file = Path.of(System.getProperty("gradgraph.spark.installation"));
        try {
            return Arrays.stream(Files.readString(file).trim().split(java.io.File.pathSeparator)).map(Path::of)
                    .filter(p -> p.toString().endsWith(".jar")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("run the tests through Maven, which writes " + file, e);
        }
    }

    /** @return a JVM running {@code mainClass} on {@code classpath}, output to logs/{@code name}.log */
    Process start(String name, String classpath, String mainClass, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(sparkFlags());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder b = new ProcessBuilder(cmd);
        environment(b);
        b.redirectErrorStream(true).redirectOutput(home.resolve("logs").resolve(name + ".log").toFile());
        return b.start();
    }

    /** @return the JVM flags Spark needs on Java 17 (its own list, from the build) */
    static List<String> sparkFlags() {
        return Arrays.stream(System.getProperty("gradgraph.spark.jvm.flags", "").trim().split("\\s+"))
                .filter(s -> !s.isEmpty()).toList();
    }

    private Process start(String name, String mainClass, List<String> jvm, String... args) throws IOException {
        List<String> flags = new ArrayList<>(jvm);
        flags.add("-Xmx256m");
        ProcessBuilder b = java(mainClass, flags, List.of(args));
        b.redirectErrorStream(true).redirectOutput(home.resolve("logs").resolve(name + ".log").toFile());
        return b.start();
    }

    private ProcessBuilder java(String mainClass, List<String> jvm, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(sparkFlags());
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder b = new ProcessBuilder(cmd);
        environment(b);
        return b;
    }

    private void environment(ProcessBuilder b) {
        b.environment().put("SPARK_HOME", home.toString());
        b.environment().put("SPARK_SCALA_VERSION", System.getProperty("gradgraph.spark.scala", "2.13"));
        b.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        b.environment().remove("SPARK_CONF_DIR");
    }

    /** @return the master's state as its web UI reports it, or null while it does not answer */
    private JsonNode state() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + masterUi + "/json/")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? new ObjectMapper().readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void await(String what, BooleanSupplier ready) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline || !master.isAlive() || (worker != null && !worker.isAlive())) {
                String logs = logs();
                close();
                throw new IllegalStateException("no " + what + " after " + START.toSeconds() + " s\n" + logs);
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
