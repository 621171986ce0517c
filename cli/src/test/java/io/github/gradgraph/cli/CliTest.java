package io.github.gradgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command end to end, in process: output, files written, exit codes. */
class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        String lastLine() {
            List<String> lines = out.lines().toList();
            return lines.get(lines.size() - 1);
        }
    }

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void train_json_carriesTheResults_andWritesValidPictures() throws IOException {
        Path out = dir.resolve("out");
        Run r = run("train", "--epochs", "300", "--no-progress", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Gradient check of the initial network"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("W1 ") && l.endsWith("pass")), r.out());
        JsonNode json = new ObjectMapper().readTree(r.lastLine());
        assertEquals("flower", json.get("dataset").asText());
        assertEquals("[2,8,4,1]", json.get("layers").toString());
        assertEquals(300, json.get("epochs").asInt());
        for (String field : List.of("final_loss", "train_accuracy", "test_accuracy",
                "gradcheck_max_relative_difference", "seconds")) {
            assertTrue(json.get(field).isNumber(), field + " in " + json);
        }
        assertTrue(json.get("gradcheck_passed").asBoolean());
        assertTrue(json.get("train_accuracy").asDouble() >= 0.85, json.toString());
        String backend = io.github.gradgraph.core.MatMul.backend().name();
        assertEquals(backend, json.get("backend").asText());
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("matrix products: " + backend)).count(), r.out());
        for (String png : List.of("loss.png", "boundary.png")) {
            BufferedImage img = ImageIO.read(out.resolve(png).toFile());
            assertNotNull(img, png + " is not a readable image");
            assertEquals(Plots.WIDTH, img.getWidth());
            assertEquals(Plots.HEIGHT, img.getHeight());
        }
        assertTrue(Files.size(out.resolve("model.safetensors")) > 8);

        Path csv = Files.writeString(dir.resolve("points.csv"), "x1,x2\n0.0,3.5\n3.5,0.2\n-1.0,-1.0\n");
        Run p = run("predict", "--model", out.resolve("model.safetensors").toString(), "--data", csv.toString());
        assertEquals(0, p.code(), p.err());
        List<String> rows = p.out().lines().toList();
        assertEquals("probability,predicted", rows.get(0));
        assertEquals(4, rows.size(), p.out());
        assertTrue(rows.get(1).matches("[0-9.eE-]+,[01]"), rows.get(1));
        Path labelled = Files.writeString(dir.resolve("labelled.csv"), "x1,x2,y\n0.0,3.5,no\n");
        Run hint = run("predict", "--model", out.resolve("model.safetensors").toString(), "--data",
                labelled.toString());
        assertEquals(Main.BAD_INPUT, hint.code());
        assertTrue(hint.err().contains("name it with --label-column"), hint.err());
        Run dropped = run("predict", "--model", out.resolve("model.safetensors").toString(), "--data",
                labelled.toString(), "--label-column", "y");
        assertEquals(0, dropped.code(), dropped.err());
    }

    @Test
    void train_isDeterministicUnderASeed() throws IOException {
        Run a = run("train", "--data", "moons", "--epochs", "20", "--no-progress", "--no-gradcheck", "--json",
                "--out", dir.resolve("a").toString());
        Run b = run("train", "--data", "moons", "--epochs", "20", "--no-progress", "--no-gradcheck", "--json",
                "--out", dir.resolve("b").toString());
        ObjectMapper m = new ObjectMapper();
        assertEquals(m.readTree(a.lastLine()).get("final_loss"), m.readTree(b.lastLine()).get("final_loss"));
        assertEquals(m.readTree(a.lastLine()).get("gradcheck_passed").isNull(), true);
    }

    @Test
    void gradcheck_passes_andFailsWithExitOneWhenTheCheckFails() throws IOException {
        Run ok = run("gradcheck", "--data", "spirals", "--activation", "relu", "--json");
        assertEquals(0, ok.code(), ok.err() + ok.out());
        JsonNode json = new ObjectMapper().readTree(ok.lastLine());
        assertTrue(json.get("passed").asBoolean());
        assertEquals(6, json.get("parameters").size());
        assertEquals("W1", json.get("parameters").get(0).get("name").asText());

        Run table = run("gradcheck", "--layers", "2,3,1");
        assertEquals(0, table.code());
        assertTrue(table.out().contains("gradient check passed"), table.out());

        Run coarse = run("gradcheck", "--eps", "0.5"); // differences this coarse cannot match the derivative
        assertEquals(Main.FAILED, coarse.code(), coarse.out());
        assertTrue(coarse.out().contains("FAIL"), coarse.out());
    }

    @Test
    void bench_json_reportsMicrosecondsAndFlopRate() throws IOException {
        Run r = run("bench", "--layers", "4,8,2", "--batch", "16", "--output", "softmax", "--seconds", "0.2",
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.lastLine());
        assertTrue(json.get("us_per_step").asDouble() > 0);
        assertTrue(json.get("gflops").asDouble() > 0);
        assertTrue(json.get("steps").asInt() >= 5);
        assertEquals(Main.BAD_INPUT, run("bench", "--layers", "4,8,2", "--output", "tanh").code());
    }

    @Test
    void badOptions_getOneLineAndExitTwo() {
        assertBad(run("train", "--data", "nosuch"), "unknown data set 'nosuch'; choose one of flower, moons, "
                + "circles, spirals, xor, fashion-mnist, or give a data file path");
        assertBad(run("train", "--layers", "2,x,1"), "--layers '2,x,1': layer 1 'x': unknown layer; expected a size, bn, "
                + "dropoutP, convFxFxN, maxpoolF, avgpoolF, rnnN, lstmN, gruN");
        assertBad(run("train", "--layers", "3,4,1"), "--layers starts with 3 but flower has 2 features");
        assertBad(run("train", "--lr", "0"), "the learning rate must be a finite number > 0, got 0.0");
        assertBad(run("train", "--lr", "-1"), "the learning rate must be a finite number > 0");
        assertBad(run("train", "--data", dir.resolve("missing.csv").toString()), "missing.csv: no such file");
        assertBad(run("train", "--optimizer", "sgdx"), "unknown optimizer 'sgdx'");
        assertBad(run("train", "--activation", "swish"), "unknown activation 'swish'");
        assertBad(run("train", "--loss", "bce", "--output-activation", "identity"),
                "loss bce needs a sigmoid output activation");
        assertBad(run("train", "--data", "spirals", "--layers", "2,8,1"),
                "the network has 1 output but spirals has 3 classes");
        assertBad(run("train", "--epochs", "many"), "--epochs");
        assertBad(run("train", "--frobnicate"), "Unknown option: '--frobnicate'");
        assertBad(run("predict", "--model", dir.resolve("none.safetensors").toString(), "--data", "x.csv"),
                "none.safetensors: no such file");
    }

    private static void assertBad(Run r, String expected) {
        assertEquals(Main.BAD_INPUT, r.code(), r.out() + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("gradgraph: "), err);
        assertTrue(err.contains(expected), err);
        assertFalse(err.contains("Exception"), err);
    }
}
