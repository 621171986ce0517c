package io.github.gradgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The playground under hostile requests, over real HTTP on a free port: every refusal, the HTTP server's own included,
 * is a 4xx with {@code {"error": "one line"}} that names no Java class; no request's work grows beyond bounds; a 500
 * would be a bug, and the server's log stays empty.
 */
class HostileRequestsTest {
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static final Pattern JAVA = Pattern.compile("Exception|Error\\b|java\\.|jakarta\\.|\\bat [a-z]+\\.|"
            + "\\$[A-Za-z]|\\.java:");
    private static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());
    private static PlaygroundServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        System.out.println("HostileRequestsTest seed " + SEED + " (replay with -Dgradgraph.seed=" + SEED + ")");
        server = new PlaygroundServer(4, Duration.ofSeconds(2), new PrintStream(LOG, true, StandardCharsets.UTF_8))
                .start("127.0.0.1", 0);
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        assertEquals("", LOG.toString(StandardCharsets.UTF_8), "the server reported no failure of its own");
    }

    /** Asserts a refusal with {@code status} in the contract's form, and returns its message. */
    static String refused(Http.Reply r, int status) {
        assertEquals(status, r.status(), r.body());
        return oneLineError(r.body());
    }

    static String oneLineError(String body) {
        JsonNode j;
        try {
            j = Http.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body);
        }
        String e = j.path("error").asText("");
        assertFalse(e.isBlank(), "an error message: " + body);
        assertFalse(e.contains("\n"), "one line: " + e);
        assertFalse(JAVA.matcher(e).find(), "speaks of the playground, not of Java: " + e);
        return e;
    }

    private static String loss(String formula) {
        return Http.JSON.createObjectNode().put("loss", formula).toString();
    }

    @Test
    void deeplyNestedJson_isA400() {
        assertTrue(refused(http.post("/api/derive", "[".repeat(5000) + "]".repeat(5000)), 400).contains("nested"));
        assertTrue(refused(http.post("/api/derive", "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)), 400)
                .contains("nested deeper than"));
    }

    @Test
    void brokenJson_namesWhere() {
        assertTrue(refused(http.post("/api/derive", "{\"loss\": "), 400).contains("not valid JSON"));
    }

    @Test
    void overflowingLiteral_isRefusedAtItsPosition() {
        for (String path : new String[] {"/api/derive", "/api/gradcheck", "/api/graph", "/api/sessions"}) {
            String e = refused(http.post(path, loss("mean(A*1e99999)")), 400);
            assertTrue(e.contains("column 8"), path + ": " + e);
        }
    }

    @Test
    void deepParentheses_areA400NotAStackOverflow() {
        String e = refused(http.post("/api/derive", loss("(".repeat(990) + "mean(A)" + ")".repeat(990))), 400);
        assertTrue(e.contains("nested deeper than"), e);
    }

    @Test
    void aLongSum_isDerivedOrRefusedCleanly() {
        String sum = "mean(" + "A+".repeat(999) + "A)";
        Http.Reply r = http.post("/api/derive", loss(sum));
        assertTrue(r.status() == 200 || r.status() / 100 == 4, r.status() + " " + r.body());
        if (r.status() != 200) {
            oneLineError(r.body());
        }
    }

    @Test
    void statementsThatDoubleTheirText_printLinearly() {
        StringBuilder f = new StringBuilder("a1 = A*A\n");
        for (int i = 2; i <= 26; i++) {
            f.append('a').append(i).append(" = a").append(i - 1).append("*a").append(i - 1).append('\n');
        }
        f.append("mean(a26)");
        long t = System.nanoTime();
        Http.Reply r = http.post("/api/derive", loss(f.toString()));
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().length() < 200_000, "the derivation of 27 statements is " + r.body().length() + " bytes");
        String typed = r.json().at("/typed/unicode").asText();
        assertTrue(typed.startsWith("a[1] = A[3] ⊙ A[3]; a[2] = a[1] ⊙ a[1];"), typed);
        assertTrue(typed.endsWith("J = (1/m)·Σ a[26]"), typed);
        assertTrue(ms < 15_000, "took " + ms + " ms");
    }

    @Test
    void aDerivationTooLongToShow_isA422_thatSaysToNameTheRepeatedParts() {
        String product = "mean(" + "A*".repeat(299) + "A)"; // each factor's gradient prints the 298 others
        long t = System.nanoTime();
        String e = refused(http.post("/api/derive", loss(product)), 422);
        assertTrue(e.startsWith("the derivation is too long to show"), e);
        assertTrue(System.nanoTime() - t < 20e9, "bounded work");
        assertEquals(200, http.post("/api/validate", loss(product)).status(), "it still validates and trains");
    }

    @Test
    void aLossThatOverflowsAtTheInitialWeights_isA422NamingTheFormula() {
        String e = refused(http.post("/api/gradcheck", loss("mean(exp(1000*A))")), 422);
        assertTrue(e.contains("not finite") && e.contains("formula line 1, column"), e);
    }

    @Test
    void binaryUpload_isNotText() {
        byte[] bytes = new byte[3000];
        new Random(SEED).nextBytes(bytes);
        bytes[0] = (byte) 0xC3; // a lead byte, then not a continuation: never UTF-8
        bytes[1] = 0x28;
        String e = refused(http.send("POST", "/api/uploads", bytes, "text/csv"), 400);
        assertTrue(e.contains("not a text file"), e);
    }

    /** Uploads {@code rows} (x, y, label) and returns the config that names the upload, with seed 7. */
    private static String uploaded(String rows) {
        Http.Reply up = http.send("POST", "/api/uploads", ("x,y,label\n" + rows).getBytes(StandardCharsets.UTF_8),
                "text/csv");
        assertEquals(201, up.status(), up.body());
        return "{\"data\": \"" + up.json().get("data").asText() + "\", \"seed\": 7}";
    }

    /** Asserts that a session of {@code config} is refused with 400, and validating says why; returns the message. */
    private static String notDrawable(String config) {
        String e = refused(http.post("/api/sessions", config), 400);
        JsonNode v = http.post("/api/validate", config).json();
        assertFalse(v.get("valid").asBoolean(), v.toString());
        assertEquals("config", v.get("field").asText());
        assertEquals(e, v.get("error").asText());
        return e;
    }

    @Test
    void anUploadTooWideToDrawOrStandardize_isA400NamingTheFeature_notA500() {
        // ±1e308: the drawing's area, 2e308 wide, overflowed, and the boundary's grid fed NaN to the network.
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            wide.append(i % 2 == 0 ? "1e308" : "-1e308").append(',').append(i).append(i % 3 == 0 ? ",a\n" : ",b\n");
        }
        assertEquals("upload.csv: feature 1 (x) runs from -1.0E308 to 1.0E308, and their spread with the drawing's "
                + "10 % margin is more than a double holds; rescale that column", notDrawable(uploaded(wide.toString())));

        // y differs by 1e-12 within the training part and is 1e300 in the held-out part: standardized, ∞.
        int m = 40;
        int[] order = io.github.gradgraph.nn.data.Dataset.splitOrder("upload.csv", m, 0.2, 7);
        boolean[] held = new boolean[m];
        for (int k = 0; k < m - io.github.gradgraph.nn.data.Dataset.trainCount(m, 0.2); k++) {
            held[order[k]] = true;
        }
        StringBuilder far = new StringBuilder();
        for (int i = 0; i < m; i++) {
            far.append(i).append(',').append(held[i] ? "1e300" : String.valueOf(1 + i * 1e-12))
                    .append(i % 3 == 0 ? ",a\n" : ",b\n");
        }
        String e = notDrawable(uploaded(far.toString()));
        assertTrue(e.startsWith("upload.csv: feature 2 (y) runs from 1.0 to 1.0E300, and standardized by the training "
                + "part's σ = ") && e.endsWith(", the drawing's edges are more than a double holds; rescale that "
                + "column"), e);
    }

    @Test
    void wrongMethod_isA405ThatSaysWhichAreAccepted() {
        Http.Reply r = http.get("/api/derive");
        assertTrue(refused(r, 405).contains("accepts POST"));
        assertEquals("POST", r.raw().headers().firstValue("Allow").orElse(""));
        refused(http.send("PUT", "/api/sessions", null, null), 405);
        refused(http.delete("/api/presets"), 405);
    }

    @Test
    void unknownEndpoint_isA404() {
        assertTrue(refused(http.get("/api/nothing"), 404).contains("no such endpoint"));
    }

    @Test
    void tooLargeABody_isA413() throws IOException {
        // the headers of a 3 MiB upload, and no body: the server answers on the headers alone (a client still sending
        // a body the server will not read would race its reply against a connection reset)
        String[] reply = raw("POST /api/uploads HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: "
                + 3 * 1024 * 1024 + "\r\nConnection: close\r\n\r\n");
        assertEquals("413", reply[0]);
        assertTrue(oneLineError(reply[1]).contains("too large"), reply[1]);
    }

    /** Sends raw bytes and returns the reply's status and body. */
    private static String[] raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int body = reply.indexOf("\r\n\r\n");
            String head = reply.substring(0, Math.max(0, body));
            assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json"), head);
            return new String[] {head.substring(9, 12), reply.substring(body + 4)};
        }
    }

    @Test
    void theServersOwnRefusals_areJsonToo() throws IOException {
        String[] uri = raw("GET /api/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals("414", uri[0]);
        assertTrue(oneLineError(uri[1]).contains("address is too long"));
        String[] header = raw("GET /api/presets HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertEquals("431", header[0]);
        assertTrue(oneLineError(header[1]).contains("headers are too large"));
        String[] malformed = raw("GET /api/presets HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
        assertEquals("400", malformed[0]);
        assertTrue(oneLineError(malformed[1]).contains("malformed"));
    }

    /** A random formula: deep, long, or with huge literals, and often wrong. */
    private static String hostileFormula(Random r) {
        int kind = r.nextInt(6);
        int n = 1 + r.nextInt(r.nextBoolean() ? 40 : 1000); // the loss box takes 2,000 characters
        return switch (kind) {
            case 0 -> "(".repeat(n) + "mean(A)" + ")".repeat(r.nextInt(4) == 0 ? n - 1 : n);
            case 1 -> "mean(" + "A*".repeat(n) + "A)";
            case 2 -> "mean(" + "-".repeat(n) + "A)";
            case 3 -> "mean(A*" + (r.nextBoolean() ? "1e" : "9".repeat(1 + r.nextInt(400)) + "e") + r.nextInt(100_000)
                    + ")";
            default -> "mean(" + "exp(".repeat(Math.min(n, 600)) + "A" + ")".repeat(Math.min(n, 600)) + ")";
        };
    }

    @Test
    void randomHostileFormulas_getA200OrAOneLine4xx_quickly() {
        qt().withFixedSeed(SEED).withExamples(16).forAll(integers().all()).checkAssert(seed -> {
            String f = hostileFormula(new Random(seed));
            long t = System.nanoTime();
            Http.Reply r = http.post("/api/derive", loss(f));
            long ms = (System.nanoTime() - t) / 1_000_000;
            String shown = f.length() > 60 ? f.substring(0, 60) + "… (" + f.length() + " characters)" : f;
            assertTrue(r.status() == 200 || r.status() / 100 == 4, shown + ": " + r.status() + " " + r.body());
            if (r.status() != 200) {
                oneLineError(r.body());
            }
            assertTrue(ms < 20_000, shown + " took " + ms + " ms");
        });
    }
}
