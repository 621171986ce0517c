package io.github.gradgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradgraph.nn.Metrics;
import io.github.gradgraph.nn.Predictor;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.Safetensors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint of the playground over real HTTP, against a server on a free port. */
class PlaygroundApiTest {
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static PlaygroundServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = new PlaygroundServer(4, Duration.ofSeconds(2), new PrintStream(LOG, true, StandardCharsets.UTF_8))
                .start("127.0.0.1", 0);
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        assertEquals("", LOG.toString(StandardCharsets.UTF_8), "the server reported no failure of its own");
    }

    static void eventually(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String session(String config) {
        Http.Reply r = http.post("/api/sessions", config);
        assertEquals(201, r.status(), r.body());
        return r.json().get("id").asText();
    }

    @Test
    void thePage_andItsScripts_areServedFromTheJar() {
        Http.Reply page = http.get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<title>gradgraph playground</title>"));
        for (String asset : new String[] {"/app.js", "/boundary.js", "/charts.js", "/app.css",
            "/vendor/katex/katex.min.js", "/vendor/katex/fonts/KaTeX_Main-Regular.woff2", "/vendor/viz/viz-global.js",
            "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js"}) {
            assertEquals(200, http.get(asset).status(), asset);
        }
    }

    @Test
    void presets_holdTheDefaultsAndTheBuiltInLosses() {
        JsonNode p = http.get("/api/presets").json();
        assertEquals("flower", p.at("/defaults/data").asText());
        assertEquals("[8,4]", p.at("/defaults/hidden").toString());
        assertTrue(p.get("datasets").toString().contains("\"xor\""));
        assertTrue(p.get("activations").toString().contains("\"leaky-relu\""));
        assertTrue(p.get("losses").size() >= 5);
    }

    @Test
    void derive_printsTheEnginesLines_inLatexAndUnicode_withShapes() {
        JsonNode d = http.post("/api/derive", "{}").json();
        JsonNode dz3 = null;
        for (JsonNode l : d.get("lines")) {
            if (l.get("name").asText().equals("dZ3")) {
                dz3 = l;
            }
        }
        assertNotNull(dz3, d.toString());
        assertEquals("dZ[3] = A[3] − Y", dz3.get("unicode").asText());
        assertEquals("dZ^{[3]} = A^{[3]} - Y", dz3.get("latex").asText());
        assertEquals("1 × m", dz3.get("shape").asText());
        assertTrue(dz3.get("gradient").asBoolean());
        assertEquals("J = (1/m)·Σ −(Y ⊙ log(A[3]) + (1 − Y) ⊙ log(1 − A[3]))", d.at("/typed/unicode").asText());
        JsonNode soft = http.post("/api/derive", "{\"data\": \"spirals\", \"loss\": \"mean(-sum(Y*log(A), 0))\"}")
                .json();
        assertTrue(soft.toString().contains("dZ[3] = A[3] − Y"), soft.toString());
        assertEquals("(Y one-hot: each column sums to 1)", soft.get("note").asText());
    }

    @Test
    void batchNormAndDropout_areDerived_trained_andTheirModelPredictsWithTheRunningStatistics() throws Exception {
        String config = "{\"batchNorm\": true, \"dropout\": 0.1, \"activation\": \"gelu\", \"epochs\": 150}";
        JsonNode d = http.post("/api/derive", config).json();
        assertTrue(d.toString().contains("μ[1] = (1/m)·Σcols Z[1]"), d.toString());
        assertTrue(d.toString().contains("dγ[1]"), d.toString());
        assertTrue(d.toString().contains("gelu(Z̃[1]) ⊙ D[1]"), d.toString());
        String id = session(config);
        String s = "/api/sessions/" + id;
        http.post(s + "/speed", "{\"epochsPerSecond\": 0}");
        http.post(s + "/play", null);
        eventually(Duration.ofSeconds(30), () -> http.get(s).json().get("status").asText().equals("finished"),
                "150 epochs trained");
        JsonNode done = http.get(s).json();
        assertTrue(done.get("testAccuracy").asDouble() > 0.8, done.toString());
        Path file = Files.createTempFile("playground-bn", ".safetensors");
        Files.write(file, http.get(s + "/model.safetensors").raw().body());
        Checkpoint c = Safetensors.load(file);
        assertTrue(c.spec().batchNorm() && c.spec().dropout() == 0.1, c.spec().toString());
        assertTrue(c.params().get("running_var1") != null);
        var flower = Datasets.flower(1);
        double acc = Metrics.accuracy(new Predictor(c.network()).predict(c.params(), c.preprocessing().apply(
                flower.x())), flower.labels());
        assertTrue(acc > 0.8, "the downloaded model's accuracy " + acc);
        assertEquals(200, http.delete(s).status());
        JsonNode bad = http.post("/api/derive", "{\"dropout\": 1}").json();
        assertTrue(bad.get("error").asText().contains("'dropout'"), bad.toString());
        JsonNode noHidden = http.post("/api/derive", "{\"hidden\": [], \"batchNorm\": true}").json();
        assertTrue(noHidden.get("error").asText().contains("batch normalization applies to hidden layers"),
                noHidden.toString());
    }

    @Test
    void layerText_replacesTheEditorsFields_trains_andRoundTrips_andAMisspeltTokenIsNamed() throws Exception {
        String layers = "16 relu, bn, dropout0.2, 8 relu";
        Http.Reply created = http.post("/api/sessions",
                "{\"layers\": \"" + layers + "\", \"data\": \"moons\"}");
        assertEquals(201, created.status(), created.body());
        JsonNode config = created.json().get("config");
        assertEquals(layers, config.get("layers").asText(), config.toString());
        assertFalse(config.has("hidden") || config.has("batchNorm") || config.has("dropout"), config.toString());
        String s = "/api/sessions/" + created.json().get("id").asText();
        for (int i = 1; i <= 3; i++) {
            http.post(s + "/step", null);
            int step = i;
            eventually(Duration.ofSeconds(10), () -> http.get(s).json().get("epoch").asInt() == step, "step " + i);
        }
        assertTrue(Double.isFinite(http.get(s).json().get("loss").asDouble()), http.get(s).body());
        Path file = Files.createTempFile("playground-layers", ".safetensors");
        Files.write(file, http.get(s + "/model.safetensors").raw().body());
        assertEquals("2, " + layers + ", 1 sigmoid", Safetensors.load(file).spec().text());
        assertEquals(200, http.delete(s).status());

        Http.Reply again = http.post("/api/sessions", config.toString());
        assertEquals(201, again.status(), again.body());
        assertEquals(config, again.json().get("config"), "the config the server wrote back creates the same");
        http.delete("/api/sessions/" + again.json().get("id").asText());

        Http.Reply typo = http.post("/api/sessions", "{\"layers\": \"16 relu, bn, dropuot0.2, 8 relu\"}");
        assertEquals(400, typo.status());
        assertEquals("in 'layers': layer 3 'dropuot0.2': unknown layer; expected a size, bn, dropoutP, convFxFxN, "
                + "maxpoolF, avgpoolF, rnnN, lstmN, gruN",
                typo.json().get("error").asText());
        JsonNode wide = http.post("/api/validate", "{\"layers\": \"8 relu, 65 relu\"}").json();
        assertEquals("config", wide.get("field").asText());
        assertEquals("in 'layers': layer 2 '65 relu': 65 units; at most 64", wide.get("error").asText());
        JsonNode high = http.post("/api/validate", "{\"layers\": \"8 relu, dropout0.95\"}").json();
        assertTrue(high.get("error").asText().startsWith("in 'layers': layer 2 'dropout0.95'"), high.toString());
        JsonNode deep = http.post("/api/validate", "{\"layers\": \"1, 1, 1, 1, 1, 1, 1\"}").json();
        assertTrue(deep.get("error").asText().contains("layer 7 '1 tanh': at most 6 hidden layers"), deep.toString());
        JsonNode both = http.post("/api/validate", "{\"layers\": \"8 relu\", \"hidden\": [4]}").json();
        assertTrue(both.get("error").asText().startsWith("give either 'layers' or 'hidden'"), both.toString());
    }

    @Test
    void graph_isTheDotOfTheForwardAndGradientNodes() {
        JsonNode g = http.post("/api/graph", "{\"hidden\": [3]}").json();
        String dot = g.get("dot").asText();
        assertTrue(dot.startsWith("digraph"), dot);
        assertTrue(dot.contains("dW1") && dot.contains("W2"), dot);
        assertTrue(g.get("forwardNodes").asInt() > 5);
    }

    @Test
    void gradcheck_passesForTheDefaultNetwork_andReportsEveryParameter() {
        JsonNode g = http.post("/api/gradcheck", "{}").json();
        assertTrue(g.get("passed").asBoolean(), g.toString());
        assertEquals(6, g.get("parameters").size());
        assertTrue(g.get("max_relative_difference").asDouble() < 1e-6);
        JsonNode relu = http.post("/api/gradcheck", "{\"activation\": \"relu\", \"data\": \"moons\"}").json();
        assertTrue(relu.get("passed").asBoolean(), relu.toString());
    }

    @Test
    void validate_saysWhatIsWrong_withTheLossPosition_as200() {
        JsonNode ok = http.post("/api/validate", "{}").json();
        assertTrue(ok.get("valid").asBoolean());
        JsonNode bad = http.post("/api/validate", "{\"loss\": \"mean((A - Y)**2\"}").json();
        assertFalse(bad.get("valid").asBoolean());
        assertEquals("loss", bad.get("field").asText());
        assertEquals("line 1, column 16: expected ')' but found the end of the input", bad.get("error").asText());
        JsonNode shape = http.post("/api/validate", "{\"loss\": \"mean(A @ Y)\"}").json();
        assertTrue(shape.get("error").asText().startsWith("line 1, column 8: matmul"), shape.toString());
        JsonNode config = http.post("/api/validate", "{\"hidden\": [0]}").json();
        assertEquals("config", config.get("field").asText());
    }

    @Test
    void badRequests_areOneLine4xx_andTheServerLivesOn() {
        String[][] cases = {
            {"/api/derive", "{\"hidden\": [8, 4", "400", "the request body is not valid JSON"},
            {"/api/derive", "[1, 2]", "400", "the request body must be a JSON object"},
            {"/api/derive", "{\"hidden\": [100000]}", "400", "hidden layer 1's size must be a whole number from 1 to 64"},
            {"/api/derive", "{\"hidden\": [1,1,1,1,1,1,1,1]}", "400", "'hidden' must be a list of at most 6"},
            {"/api/derive", "{\"lr\": \"NaN\"}", "400", "'lr' must be a finite number"},
            {"/api/derive", "{\"lr\": -1}", "400", "'lr' must be a finite number"},
            {"/api/derive", "{\"data\": \"tulips\"}", "400", "unknown data set 'tulips'"},
            {"/api/derive", "{\"data\": \"../../etc/passwd\"}", "400", "unknown data set '../../etc/passwd'"},
            {"/api/derive", "{\"data\": \"upload:../../x\"}", "404", "no uploaded data set"},
            {"/api/derive", "{\"activation\": \"swish\"}", "400", "'activation': unknown activation 'swish'"},
            {"/api/derive", "{\"output\": \"sigmoid\", \"data\": \"spirals\"}", "400", "the data has 3 classes"},
            {"/api/derive", "{\"loss\": \"A - Y\"}", "400", "loss: the loss must be a 1×1 node"},
            {"/api/derive", "{\"loss\": \"mean(Q)\"}", "400", "loss: line 1, column 6: unknown name 'Q'"},
            {"/api/derive", "{\"batchSize\": 1.5}", "400", "'batchSize' must be a whole number"},
            {"/api/derive", "{\"optimizer\": \"sgd\"}", "400", "unknown optimizer 'sgd'"},
            {"/api/sessions", "{\"batchNorm\": true, \"batchSize\": 1}", "400", "batch norm needs at least 2 samples"},
            {"/api/sessions/nope/play", null, "404", "no open session 'nope'"},
            {"/api/sessions/..%2F..%2Fetc/play", null, "404", "no open session"},
            {"/api/nothing", "{}", "404", "no such endpoint: POST /api/nothing"},
        };
        for (String[] c : cases) {
            Http.Reply r = http.post(c[0], c[1]);
            String what = c[0] + " " + c[1] + " → " + r.status() + " " + r.body();
            assertEquals(Integer.parseInt(c[2]), r.status(), what);
            assertNotNull(r.error(), what);
            assertTrue(r.error().startsWith(c[3]), what);
            assertFalse(r.error().contains("\n") || r.error().contains("\tat "), what);
            assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"), what);
        }
        assertEquals(200, http.get("/api/presets").status(), "still serving");
    }

    @Test
    void a50MegabyteUpload_isRefusedWith413_onItsHeaderAlone() throws Exception {
        // as curl sends a large body: the headers and "Expect: 100-continue", then the body only if asked for
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: text/csv\r\nContent-Length: " + 50 * 1024 * 1024 + "\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("HTTP/1.1 413 "), reply);
            assertFalse(reply.contains("100 Continue"), "the body was never asked for: " + reply);
            assertTrue(reply.endsWith("{\"error\":\"the request is too large: at most 2048 KiB\"}"), reply);
        }
        assertEquals(200, http.get("/api/presets").status(), "still serving");
    }

    @Test
    void anUploadedCsv_trainsLikeABuiltInSet_andItsNameIsNeverAPath() throws Exception {
        StringBuilder csv = new StringBuilder("x,y,label\n");
        var moons = Datasets.moons(200, 0.1, 3);
        for (int i = 0; i < moons.size(); i++) {
            csv.append(moons.x().get(0, i)).append(',').append(moons.x().get(1, i)).append(',')
                    .append(moons.labels()[i] == 0 ? "upper" : "lower").append('\n');
        }
        Http.Reply up = http.send("POST", "/api/uploads", csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        assertEquals(201, up.status(), up.body());
        assertEquals(200, up.json().get("samples").asInt());
        assertEquals(2, up.json().get("classes").asInt());
        String data = up.json().get("data").asText();
        assertTrue(data.startsWith("upload:"));
        JsonNode check = http.post("/api/gradcheck", "{\"data\": \"" + data + "\"}").json();
        assertTrue(check.get("passed").asBoolean(), check.toString());

        var tricky = java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base + "/api/uploads"))
                .header("X-File-Name", "../../../etc/passwd").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "a,b,c\n1,2,x\nnot-a-number,3,y\n")).build();
        var bad = http.client.send(tricky, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains(".._.._.._etc_passwd.csv line 3") && !bad.body().contains("/tmp"), bad.body());
        assertFalse(Files.exists(Path.of("/etc/passwd.csv")));
        Http.Reply threeFeatures = http.send("POST", "/api/uploads", "a,b,c,l\n1,2,3,x\n4,5,6,y\n".getBytes(
                StandardCharsets.UTF_8), "text/csv");
        assertEquals(400, threeFeatures.status());
        assertTrue(threeFeatures.error().contains("has 3 feature columns"), threeFeatures.body());
    }

    @Test
    void aSession_plays_pauses_steps_resets_andItsModelLoadsInTheLibrary() throws Exception {
        String id = session("{\"epochs\": 400}");
        String s = "/api/sessions/" + id;
        assertEquals("ready", http.get(s).json().get("status").asText());
        assertEquals(200, http.post(s + "/speed", "{\"epochsPerSecond\": 0}").status());
        assertEquals("running", http.post(s + "/play", null).json().get("status").asText());
        eventually(Duration.ofSeconds(20), () -> http.get(s).json().get("status").asText().equals("finished"),
                "400 epochs trained");
        JsonNode done = http.get(s).json();
        assertEquals(400, done.get("epoch").asInt());
        assertTrue(done.get("trainAccuracy").asDouble() > 0.85, done.toString());
        assertTrue(done.get("testAccuracy").asDouble() > 0.8, done.toString());
        assertTrue(done.get("stepMillis").asDouble() > 0);
        assertEquals(48 * 48, done.at("/boundary/values").size());

        Http.Reply model = http.get(s + "/model.safetensors");
        assertEquals(200, model.status());
        assertTrue(model.raw().headers().firstValue("Content-Disposition").orElse("").contains("model.safetensors"));
        Path file = Files.createTempFile("playground", ".safetensors");
        Files.write(file, model.raw().body());
        Checkpoint c = Safetensors.load(file);
        var flower = Datasets.flower(1);
        double acc = Metrics.accuracy(new Predictor(c.network()).predict(c.params(), c.preprocessing().apply(
                flower.x())), flower.labels());
        assertTrue(acc > 0.8, "the downloaded model's accuracy " + acc);
        String history = http.get(s + "/history.csv").body();
        assertTrue(history.startsWith("epoch,loss,train_accuracy"), history.lines().findFirst().orElse(""));
        assertEquals(401, history.lines().count());

        http.post(s + "/step", null);
        eventually(Duration.ofSeconds(10), () -> http.get(s).json().get("epoch").asInt() == 401, "one step");
        assertEquals("paused", http.get(s).json().get("status").asText());
        JsonNode reset = http.post(s + "/reset", "{\"hidden\": [5], \"data\": \"moons\"}").json();
        assertEquals(0, reset.get("epoch").asInt());
        assertEquals("ready", reset.get("status").asText());
        http.post(s + "/play", null);
        eventually(Duration.ofSeconds(10), () -> http.get(s).json().get("epoch").asInt() > 3, "trains after reset");
        JsonNode paused = http.post(s + "/pause", null).json();
        assertEquals("paused", paused.get("status").asText());
        int at = http.get(s).json().get("epoch").asInt();
        Thread.sleep(300);
        assertEquals(at, http.get(s).json().get("epoch").asInt(), "no epoch after pause");
        assertEquals(200, http.delete(s).status());
        assertEquals(404, http.get(s).status());
    }

    @Test
    void aDivergingRun_isShownAsDiverged_namingTheNode() throws Exception {
        String id = session("{\"loss\": \"mean(exp(Z * 50))\", \"optimizer\": \"gd\", \"lr\": 5}");
        String s = "/api/sessions/" + id;
        http.post(s + "/speed", "{\"epochsPerSecond\": 0}");
        http.post(s + "/play", null);
        eventually(Duration.ofSeconds(20), () -> http.get(s).json().get("status").asText().equals("diverged"),
                "diverged");
        JsonNode d = http.get(s).json();
        String error = d.get("error").asText();
        assertTrue(error.startsWith("training stopped at epoch ") && error.contains("not finite"), error);
        assertTrue(error.contains("first node not finite: exp#") && error.contains("made at formula line 1, column 6"),
                error); // the loss box's position, not a line of the server's Java
        assertEquals("diverged", http.post(s + "/play", null).json().get("status").asText(), "play stays refused");
        http.delete(s);
    }

    @Test
    void events_streamTheStateAtLeastFiveTimesASecondWhileTraining() throws Exception {
        String id = session("{\"epochs\": 100000}");
        try (Http.Events events = http.listen("/api/sessions/" + id + "/events")) {
            eventually(Duration.ofSeconds(5), () -> !events.named("data").isEmpty(), "the data event");
            JsonNode data = Http.JSON.readTree(events.named("data").get(0).data());
            assertEquals(400, data.get("points").size());
            http.post("/api/sessions/" + id + "/play", null);
            Thread.sleep(3000);
            var states = events.named("state");
            long running = states.stream().filter(e -> e.data().contains("\"status\":\"running\"")).count();
            double seconds = (states.get(states.size() - 1).nanos() - states.get(0).nanos()) / 1e9;
            System.out.printf("%d states in %.2f s while training: %.1f per second%n", running, seconds,
                    running / seconds);
            assertTrue(running / seconds >= 5, running + " states in " + seconds + " s");
            int rows = 0;
            for (var e : states) {
                rows += Http.JSON.readTree(e.data()).at("/history/rows").size();
            }
            int epoch = Http.JSON.readTree(states.get(states.size() - 1).data()).get("epoch").asInt();
            assertEquals(epoch, rows, "every epoch reached the page once");
        }
        http.delete("/api/sessions/" + id);
    }

    @Test
    void sessionsAreSeparate_limited_andAClosedPagesSessionEnds_freeingItsThread() throws Exception {
        int before = server.sessions().size();
        String a = session("{\"seed\": 1}");
        String b = session("{\"seed\": 2, \"data\": \"circles\"}");
        for (String id : new String[] {a, b}) {
            http.post("/api/sessions/" + id + "/speed", "{\"epochsPerSecond\": 0}");
            http.post("/api/sessions/" + id + "/play", null);
        }
        eventually(Duration.ofSeconds(10), () -> http.get("/api/sessions/" + a).json().get("epoch").asInt() > 5
                && http.get("/api/sessions/" + b).json().get("epoch").asInt() > 5, "both train");
        assertFalse(http.get("/api/sessions/" + a).json().get("loss").equals(
                http.get("/api/sessions/" + b).json().get("loss")));
        while (server.sessions().size() < 4) {
            session("{}");
        }
        Http.Reply full = http.post("/api/sessions", "{}");
        assertEquals(429, full.status());
        assertTrue(full.error().startsWith("the playground already has 4 open sessions"), full.body());

        try (Http.Events page = http.listen("/api/sessions/" + a + "/events")) {
            eventually(Duration.ofSeconds(5), () -> !page.named("state").isEmpty(), "the page listens");
        } // the tab closes
        eventually(Duration.ofSeconds(10), () -> !server.sessions().isOpen(a), "the session of the closed page ended");
        assertEquals(404, http.get("/api/sessions/" + a).status());
        eventually(Duration.ofSeconds(10), () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("gradgraph-session-" + a)), "its thread ended");
        // the sessions no page ever listened to end too, after the idle timeout
        eventually(Duration.ofSeconds(10), () -> server.sessions().size() <= before, "idle sessions ended");
        eventually(Duration.ofSeconds(10), () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("gradgraph-session-")), "no session thread left");
    }
}
