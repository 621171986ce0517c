package io.github.gradgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gradgraph.core.DType;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.Safetensors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --dtype} and {@code --save-dtype}: training, saving, predicting and benchmarking in float32. */
class Float32CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private JsonNode train(Path out, String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--epochs", "60", "--no-progress", "--json",
                "--out", out.toString()));
        args.addAll(List.of(extra));
        CliTest.Run r = CliTest.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.lastLine());
    }

    @Test
    void float32Training_checksGradientsInFloat64_savesFloat32_andPredictReadsIt() throws IOException {
        JsonNode wide = train(dir.resolve("f64"));
        Path out = dir.resolve("f32");
        JsonNode narrow = train(out, "--dtype", "f32", "--save-dtype", "float32");
        assertEquals("f32", narrow.get("dtype").asText());
        assertEquals("f32", narrow.get("save_dtype").asText());
        assertEquals("f64", wide.get("dtype").asText());
        assertEquals(wide.get("gradcheck_max_relative_difference").asDouble(),
                narrow.get("gradcheck_max_relative_difference").asDouble(), 0.0,
                "the gradient check runs in float64 whatever the training dtype");
        double loss64 = wide.get("final_loss").asDouble();
        double loss32 = narrow.get("final_loss").asDouble();
        assertTrue(loss32 != loss64 && Math.abs(loss32 - loss64) < 1e-4 * loss64, loss32 + " vs " + loss64);

        Path model = out.resolve("model.safetensors");
        Checkpoint c = Safetensors.load(model);
        assertEquals(DType.F32, c.dtype());
        assertTrue(header(model).contains("\"W1\":{\"dtype\":\"F32\""), header(model));
        assertTrue(Files.size(model) < Files.size(dir.resolve("f64").resolve("model.safetensors")));

        Path points = Files.writeString(dir.resolve("points.csv"), "0.1,0.2\n-1,3\n2.5,-0.5\n");
        JsonNode p32 = predict(model, points);
        JsonNode p64 = predict(model, points, "--dtype", "f64");
        for (int j = 0; j < 3; j++) {
            double a = p32.get("probabilities").get(j).get(1).asDouble();
            double b = p64.get("probabilities").get(j).get(1).asDouble();
            assertTrue(a == (float) a, "the model's own dtype, float32: " + a);
            assertTrue(a != b && Math.abs(a - b) < 1e-6, a + " vs " + b);
        }
    }

    @Test
    void resume_keepsTheRunsDtype_unlessTold() throws IOException {
        Path out = dir.resolve("run");
        train(out, "--dtype", "f32");
        Path model = out.resolve("model.safetensors");
        JsonNode kept = train(dir.resolve("kept"), "--resume", model.toString(), "--no-gradcheck");
        assertEquals("f32", kept.get("dtype").asText());
        assertEquals(120, kept.get("epochs").asInt());
        JsonNode switched = train(dir.resolve("switched"), "--resume", model.toString(), "--no-gradcheck",
                "--dtype", "f64");
        assertEquals("f64", switched.get("dtype").asText());
        assertEquals(DType.F64, Safetensors.load(dir.resolve("switched").resolve("model.safetensors")).dtype());
    }

    @Test
    void benchInFloat32() throws IOException {
        CliTest.Run r = CliTest.run("bench", "--layers", "4,8,2", "--batch", "16", "--seconds", "0.2", "--dtype", "f32",
                "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(", f32: "), r.out());
        assertEquals("f32", JSON.readTree(r.lastLine()).get("dtype").asText());
    }

    @Test
    void badDtypes_getOneLineAndExitTwo() {
        String out = dir.resolve("bad").toString();
        String[][] cases = {
            {"train", "--dtype", "f16", "--out", out},
            {"train", "--save-dtype", "bf16", "--out", out},
            {"predict", "--model", "m.safetensors", "--data", "x.csv", "--dtype", "half"},
            {"bench", "--layers", "2,2", "--dtype", "int8"},
        };
        for (String[] c : cases) {
            CliTest.Run r = CliTest.run(c);
            String option = c[c.length - 2].startsWith("--") && !c[c.length - 2].equals("--out") ? c[c.length - 2]
                    : c[1];
            String value = option.equals(c[1]) ? c[2] : c[c.length - 1];
            assertEquals(Main.BAD_INPUT, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("gradgraph: " + option + " '" + value + "': choose f32 or f64"), r.err());
        }
        assertTrue(!Files.exists(dir.resolve("bad")), "nothing was written");
    }

    /**
     * The float32 file, read by numpy alone (no gradgraph code): the safetensors layout as its specification states
     * it, every tensor little-endian float32 at its offsets.
     */
    @Test
    void float32Checkpoint_isReadByNumpy() throws Exception {
        assumeTrue(hasNumpy(), "python3 with numpy is not installed");
        Path out = dir.resolve("np");
        train(out, "--dtype", "f32", "--save-dtype", "f32", "--no-gradcheck");
        Path model = out.resolve("model.safetensors");
        Path script = Files.writeString(dir.resolve("read.py"), String.join("\n",
                "import json, struct, sys",
                "import numpy as np",
                "raw = open(sys.argv[1], 'rb').read()",
                "n = struct.unpack('<Q', raw[:8])[0]",
                "header = json.loads(raw[8:8 + n])",
                "data = raw[8 + n:]",
                "out = {}",
                "for name, t in header.items():",
                "    if name == '__metadata__':",
                "        continue",
                "    assert t['dtype'] == 'F32', (name, t['dtype'])",
                "    b, e = t['data_offsets']",
                "    a = np.frombuffer(data[b:e], dtype='<f4').reshape(t['shape'])",
                "    out[name] = a.astype(np.float64).ravel().tolist()",
                "print(json.dumps(out))", ""));
        Process p = new ProcessBuilder("python3", script.toString(), model.toString()).redirectErrorStream(true)
                .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        JsonNode read = JSON.readTree(text);
        Checkpoint c = Safetensors.load(model);
        int compared = 0;
        for (String name : List.of("W1", "b1", "W2", "b2", "W3", "b3")) {
            DMatrixRMaj v = c.params().get(name);
            JsonNode values = read.get(name);
            assertEquals(v.getNumElements(), values.size(), name);
            for (int i = 0; i < v.getNumElements(); i++) {
                assertEquals(v.data[i], values.get(i).asDouble(), 0.0, name + "[" + i + "]");
                compared++;
            }
        }
        assertTrue(read.has("optimizer.v.W1") && read.has("optimizer.s.b3"), "Adam's buffers are tensors too: " + text);
        assertEquals(8 * 2 + 8 + 4 * 8 + 4 + 4 + 1, compared);
    }

    private static boolean hasNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static JsonNode predict(Path model, Path points, String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("predict", "--model", model.toString(), "--data",
                points.toString(), "--json"));
        args.addAll(List.of(extra));
        CliTest.Run r = CliTest.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.lastLine());
    }

    private static String header(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        return new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    }
}
