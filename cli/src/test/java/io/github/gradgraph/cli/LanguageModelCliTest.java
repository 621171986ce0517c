package io.github.gradgraph.cli;

import static io.github.gradgraph.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.Safetensors;
import io.github.gradgraph.nn.io.StepHistoryCsv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lm} and {@code sample}: the exact command runs the classic course's character-model loop — its
 * per-step losses and final parameters equal a numpy transcription of the course's rnn_forward, rnn_backward, clip
 * and update (resources lm/course_char_rnn.py, on its own generated names and its initialize_parameters weights) —
 * a run resumes to the same bits, sampling prints lines of the vocabulary, and bad input gets one clear line.
 */
class LanguageModelCliTest {
    @TempDir
    Path dir;

    private Path names;
    private Path init;
    private JsonNode course;

    @BeforeEach
    void courseFiles() throws IOException {
        names = copy("names.txt");
        init = copy("init.safetensors");
        try (InputStream in = getClass().getResourceAsStream("lm/course_losses.json")) {
            course = new ObjectMapper().readTree(in);
        }
    }

    private Path copy(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("lm/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    private CliTest.Run courseCommand(int steps, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("lm", "--data", names.toString(), "--layers", "rnn50",
                "--batch-size", "1", "--no-shuffle", "--stateful", "--loss-sum", "--optimizer", "sgd", "--lr", "0.01",
                "--clip-value", "5", "--init-from", init.toString(), "--steps", Integer.toString(steps), "--out",
                out.toString(), "--no-progress"));
        args.addAll(List.of(more));
        return run(args.toArray(new String[0]));
    }

    @Test
    void theExactCommand_runsTheCoursesLoop_stepByStep() {
        int steps = course.get("steps").asInt();
        CliTest.Run r = courseCommand(steps, dir.resolve("runs/names"), "--sample-every", "200");
        assertEquals(0, r.code(), r.err());
        List<StepHistoryCsv.Row> rows = StepHistoryCsv.read(dir.resolve("runs/names/history.csv"));
        assertEquals(steps, rows.size());
        for (int j = 0; j < steps; j++) {
            double expected = course.get("loss").get(j).asDouble();
            assertEquals(expected, rows.get(j).loss(), 1e-12 * expected, "loss of step " + (j + 1));
            assertEquals(j + 1, rows.get(j).step());
        }
        Checkpoint c = Safetensors.load(dir.resolve("runs/names/model.safetensors"));
        course.get("final").fields().forEachRemaining(e -> {
            DMatrixRMaj v = c.params().get(e.getKey());
            for (int i = 0; i < v.getNumElements(); i++) {
                assertEquals(e.getValue().get(i).asDouble(), v.data[i], 1e-12, e.getKey() + " entry " + i);
            }
        });
        assertTrue(r.out().contains("step 1, loss 23.070432"), r.out());
        assertTrue(r.out().contains("step 201, loss"), r.out());
        assertEquals(27, c.classNames().size());
        assertEquals("\n", c.classNames().get(0));
    }

    @Test
    void aResumedRun_continuesToTheSameBits() {
        assertEquals(0, courseCommand(60, dir.resolve("whole")).code());
        assertEquals(0, courseCommand(25, dir.resolve("split")).code());
        CliTest.Run r = run("lm", "--resume", dir.resolve("split/model.safetensors").toString(), "--steps", "35",
                "--out", dir.resolve("split").toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("after 25 (resumed from"), r.out());
        Checkpoint whole = Safetensors.load(dir.resolve("whole/model.safetensors"));
        Checkpoint split = Safetensors.load(dir.resolve("split/model.safetensors"));
        for (String p : List.of("Wax", "Waa", "b", "Wya", "by")) {
            assertArrayEquals(whole.params().get(p).data, split.params().get(p).data, p);
        }
        List<StepHistoryCsv.Row> a = StepHistoryCsv.read(dir.resolve("whole/history.csv"));
        List<StepHistoryCsv.Row> b = StepHistoryCsv.read(dir.resolve("split/history.csv"));
        assertEquals(a, b);
    }

    @Test
    void sample_drawsLinesOfTheVocabulary_reproducibly() throws IOException {
        assertEquals(0, courseCommand(300, dir.resolve("m")).code());
        String model = dir.resolve("m/model.safetensors").toString();
        CliTest.Run r = run("sample", model, "--count", "12", "--seed", "3");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n", -1);
        assertEquals(13, lines.length, r.out()); // 12 lines and the final line end
        String text = Files.readString(names);
        for (int i = 0; i < 12; i++) {
            assertTrue(lines[i].length() <= 50, lines[i]);
            lines[i].chars().forEach(ch -> assertTrue(text.indexOf(ch) >= 0, "'" + (char) ch + "' is in the text"));
        }
        assertEquals(r.out(), run("sample", model, "--count", "12", "--seed", "3").out(), "the seed fixes the lines");
        CliTest.Run cold = run("sample", model, "--count", "5", "--temperature", "0.05", "--prefix", "tyr");
        assertEquals(0, cold.code(), cold.err());
        for (String line : cold.out().strip().split("\n")) {
            assertTrue(line.startsWith("tyr"), line);
        }
    }

    @Test
    void badInput_getsOneClearLine() {
        CliTest.Run r = run("lm", "--data", names.toString(), "--out", dir.resolve("o").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--layers is required"), r.err());
        r = run("lm", "--data", names.toString(), "--layers", "50 tanh", "--out", dir.resolve("o").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("needs a recurrent layer"), r.err());
        r = run("lm", "--data", dir.resolve("missing.txt").toString(), "--layers", "rnn5", "--out",
                dir.resolve("o").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("missing.txt"), r.err());
        r = courseCommand(5, dir.resolve("o"), "--clip-value", "-1");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--clip-value"), r.err());
        r = run("sample", init.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("init.safetensors"), r.err());
        assertEquals(0, courseCommand(2, dir.resolve("p")).code());
        r = run("sample", dir.resolve("p/model.safetensors").toString(), "--prefix", "Q");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--prefix 'Q'"), r.err());
        for (String line : (r.out() + r.err()).split("\n")) {
            assertTrue(!line.contains("Exception") && !line.startsWith("\tat "), line);
        }
    }

    @Test
    void benchAndDerive_takeSequenceModels() throws IOException {
        CliTest.Run b = run("bench", "--layers", "27, lstm16, 27", "--output", "softmax", "--seq-len", "6", "--batch",
                "4", "--dtype", "f32", "--seconds", "0.05", "--json");
        assertEquals(0, b.code(), b.err());
        JsonNode json = new ObjectMapper().readTree(b.lastLine());
        assertTrue(json.get("us_per_step").asDouble() > 0 && json.get("compile_ms").asDouble() > 0, b.out());
        assertTrue(b.out().contains(", T 6, batch 4"), b.out());
        CliTest.Run noLength = run("bench", "--layers", "27, rnn5, 27", "--seconds", "0.05");
        assertEquals(Main.BAD_INPUT, noLength.code());
        assertTrue(noLength.err().contains("give --seq-len T"), noLength.err());
        CliTest.Run d = run("derive", "--layers", "27, rnn50, 27", "--seq-len", "2");
        assertEquals(0, d.code(), d.err());
        for (String line : List.of("a⟨1⟩ = tanh(gather(Wax, X[0:1, :]) + Waa·a⟨0⟩ + b)", "dz⟨2⟩ = ŷ⟨2⟩ − y⟨2⟩",
                "da⟨1⟩ = Waaᵀ·(da⟨2⟩ ⊙ (1 − a⟨2⟩²)) + Wyaᵀ·dz⟨1⟩",
                "dWaa = (1/m)·(da⟨2⟩ ⊙ (1 − a⟨2⟩²)·a⟨1⟩ᵀ + da⟨1⟩ ⊙ (1 − a⟨1⟩²)·a⟨0⟩ᵀ)")) {
            assertTrue(d.out().contains(line + "\n"), line + " in\n" + d.out());
        }
        CliTest.Run lstm = run("derive", "--layers", "27, lstm8, 27", "--seq-len", "2");
        assertEquals(0, lstm.code(), lstm.err());
        for (String name : List.of("dc⟨1⟩ = ", "dΓf⟨1⟩ = ", "dΓi⟨1⟩ = ", "dc̃⟨1⟩ = ", "dΓo⟨1⟩ = ", "dWf = ")) {
            assertTrue(lstm.out().contains("\n" + name), name);
        }
        CliTest.Run train = run("train", "--layers", "2, rnn4, 1", "--epochs", "1", "--out", dir.resolve("t").toString());
        assertEquals(Main.BAD_INPUT, train.code());
        assertTrue(train.err().contains("are recurrent") && train.err().contains("gradgraph lm"), train.err());
    }
}
