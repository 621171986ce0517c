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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A picture that cannot be drawn leaves no temporary file and costs the run none of its other outputs. */
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
}
