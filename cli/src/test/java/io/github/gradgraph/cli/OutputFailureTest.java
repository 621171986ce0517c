package io.github.gradgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gradgraph.nn.EpochStats;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A picture that cannot be drawn leaves no temporary file and costs the run none of its other outputs; a drawing whose
 * writing fails midway (a full disk, a failing Graphviz) leaves the earlier file whole.
 */
class OutputFailureTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static List<String> temporaries(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".tmp")).toList();
        }
    }

    @Test
    void draw_chartXChartRefuses_leavesNoFile_andSaysWhichPicture() throws IOException {
        Path png = dir.resolve("loss.png");
        Files.writeString(png, "an earlier run's picture");
        List<EpochStats> history = List.of(new EpochStats(1, Double.NaN, 0.5, Double.NaN, Double.NaN, 0),
                new EpochStats(2, Double.POSITIVE_INFINITY, 0.5, Double.NaN, Double.NaN, 0));
        String error = Plots.draw(png, () -> Plots.lossCurve(history, png));
        assertTrue(error != null && error.startsWith("loss.png could not be drawn ("), error);
        assertFalse(error.contains("\n"), error);
        assertFalse(Files.exists(png), "an earlier run's picture would pass for this run's");
        assertEquals(List.of(), temporaries(dir));
    }

    @Test
    void draw_finiteHistory_writesThePicture() throws IOException {
        Path png = dir.resolve("loss.png");
        List<EpochStats> history = List.of(new EpochStats(1, 0.7, 0.5, Double.NaN, Double.NaN, 0),
                new EpochStats(2, 0.6, 0.6, Double.NaN, Double.NaN, 0));
        assertNull(Plots.draw(png, () -> Plots.lossCurve(history, png)));
        assertTrue(Files.size(png) > 1000);
        assertEquals(List.of(), temporaries(dir));
    }

    @Test
    void train_dataNearTheLargestDouble_keepsModelAndHistory_whenTheBoundaryCannotBeDrawn() throws IOException {
        // Trains well (standardization is stable there), but the boundary's grid, padded 10 % beyond the data,
        // lies beyond ±1.8e308 in the file's units: XChart gets infinite coordinates.
        Dataset moons = Datasets.moons(100, 0.1, 1);
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        for (int j = 0; j < moons.size(); j++) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d%n", moons.x().get(0, j) * 7e307,
                    moons.x().get(1, j) * 7e307, moons.labels()[j]));
        }
        Path file = dir.resolve("huge.csv");
        Files.writeString(file, csv);
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("boundary.png"), "an earlier run's picture");
        CliTest.Run r = CliTest.run("train", "--data", file.toString(), "--epochs", "50", "--no-progress",
                "--no-gradcheck", "--json", "--out", out.toString());
        assertEquals(Main.FAILED, r.code(), r.err());
        List<String> errors = r.err().lines().toList();
        assertEquals(1, errors.size(), r.err());
        assertTrue(errors.get(0).startsWith("gradgraph: error: boundary.png could not be drawn ("), r.err());
        assertTrue(errors.get(0).endsWith("; the model and history were written"), r.err());
        assertTrue(Files.size(out.resolve("model.safetensors")) > 0);
        assertEquals(51, Files.readAllLines(out.resolve("history.csv")).size());
        assertTrue(Files.exists(out.resolve("loss.png")));
        assertFalse(Files.exists(out.resolve("boundary.png")));
        assertEquals(List.of(), temporaries(out));
        JsonNode json = new ObjectMapper().readTree(r.lastLine());
        assertEquals(1, json.get("plot_errors").size(), json.toString());
        assertTrue(json.get("train_accuracy").asDouble() > 0.8, json.toString());
        assertTrue(r.out().contains("wrote " + out.resolve("model.safetensors") + ", "
                + out.resolve("history.csv") + ", " + out.resolve("loss.png") + " (replacing an earlier run's files)\n"),
                r.out());
    }

    /**
     * Runs {@code gradgraph args} in a JVM of its own, started by bash after {@code setup} (a file size limit, a
     * PATH).
     */
    private static CliTest.Run child(String setup, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", setup + " && exec \"$@\"", "gradgraph",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gradgraph did not finish");
        return new CliTest.Run(p.exitValue(), out, err.join());
    }

    @Test
    void graph_diskFullMidWrite_leavesTheEarlierDrawingWhole_andNamesTheFile() throws Exception {
        Path dot = dir.resolve("net.dot");
        String[] args = {"graph", "--layers", "2,8,8,8,8,8,8,1", "--out", dot.toString()};
        assertEquals(0, CliTest.run(args).code());
        long size = Files.size(dot);
        assertTrue(size > 2 * 4096, "the drawing is " + size + " bytes, past the limit below");
        Files.writeString(dot, "an earlier drawing");
        // A file size limit of 4 KiB stands in for a disk that fills: the write past it fails.
        CliTest.Run r = child("ulimit -f 4", args);
        assertEquals("an earlier drawing", Files.readString(dot), "not truncated to the limit");
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertEquals(List.of("gradgraph: " + dot + ": cannot be written: File too large (see 'gradgraph graph "
                + "--help')"), r.err().lines().toList());
        assertEquals(List.of(), temporaries(dir));
    }

    @Test
    void graph_graphvizFailingMidDrawing_leavesTheEarlierPictureWhole() throws Exception {
        // Graphviz is stood in for by a script: with -o FILE it draws there, else to its output, as dot does.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fake = bin.resolve("dot");
        String draw = "#!/bin/sh\nout=/dev/stdout\nwhile [ $# -gt 0 ]; do [ \"$1\" = -o ] && out=$2; shift; done\n"
                + "n=$(wc -c)\nprintf '<svg>%s bytes of graph' \"$n\" > \"$out\"\n";
        Files.writeString(fake, draw);
        assertTrue(fake.toFile().setExecutable(true));
        Path svg = dir.resolve("g.svg");
        String[] args = {"graph", "--expr", "J = sum(x * x)", "--format", "svg", "--out", svg.toString()};
        CliTest.Run drawn = child("PATH=" + bin + ":$PATH", args);
        assertEquals(0, drawn.code(), drawn.err());
        assertTrue(Files.readString(svg).matches("<svg>\\s*[1-9][0-9]+ bytes of graph"), Files.readString(svg));

        Files.writeString(fake, draw + "echo 'Error: the renderer gave up' >&2\nexit 1\n");
        Files.writeString(svg, "an earlier picture");
        CliTest.Run r = child("PATH=" + bin + ":$PATH", args);
        assertEquals("an earlier picture", Files.readString(svg), "not replaced by half a picture");
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertEquals(List.of("gradgraph: --out " + svg + ": not written, as Graphviz 'dot' failed: Error: the renderer "
                + "gave up (see 'gradgraph graph --help')"), r.err().lines().toList());
        assertEquals(List.of(), temporaries(dir));
    }
}
