package io.github.gradgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.web.api.TempFolder;
import io.github.gradgraph.web.api.Uploads;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Uploads at their limit, and what they leave on disk: an upload of exactly {@link Uploads#MAX_BYTES} is taken and one
 * byte more is refused; the temporary folders that uploads and downloads go through are removed with all they hold.
 */
class UploadLimitsTest {
    /** @return a two-feature, two-class CSV of exactly {@code bytes} bytes */
    static byte[] csvOf(int bytes) {
        StringBuilder b = new StringBuilder("x,y,label\n");
        String row = "0.25" + "0".repeat(60) + ",0.75" + "0".repeat(60) + ","; // long rows: at most 20,000 samples
        String last = ",0.5,1\n"; // after "0.5" and as many zeros as it takes to fill the size
        for (int i = 0; b.length() + row.length() + 2 + 3 + last.length() <= bytes; i++) {
            b.append(row).append(i % 2).append('\n');
        }
        int zeros = bytes - b.length() - 3 - last.length();
        b.append("0.5").append("0".repeat(zeros)).append(last);
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static long leftovers() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().matches("gradgraph-(upload|download).*")).count();
        }
    }

    @Test
    void anUploadOfExactlyTheLimit_isTaken_andOneByteMoreIsNot() throws IOException {
        long before = leftovers();
        try (PlaygroundServer server = new PlaygroundServer(2, Duration.ofSeconds(5), new PrintStream(System.err))
                .start("127.0.0.1", 0)) {
            Http http = new Http(server.port());
            byte[] exact = csvOf(Uploads.MAX_BYTES);
            assertEquals(Uploads.MAX_BYTES, exact.length);
            Http.Reply ok = http.send("POST", "/api/uploads", exact, "text/csv");
            assertEquals(201, ok.status(), ok.body());
            byte[] over = csvOf(Uploads.MAX_BYTES + 1);
            assertEquals(Uploads.MAX_BYTES + 1, over.length);
            Http.Reply refused = http.send("POST", "/api/uploads", over, "text/csv");
            assertEquals(413, refused.status(), refused.body());
            assertTrue(refused.error().contains("at most " + Uploads.MAX_BYTES / 1024 + " KiB"), refused.error());
            String id = http.post("/api/sessions", "{\"data\": \"" + ok.json().get("data").asText() + "\"}")
                    .json().get("id").asText();
            assertEquals(200, http.get("/api/sessions/" + id + "/model.safetensors").status());
            assertEquals(200, http.get("/api/sessions/" + id + "/history.csv").status());
        }
        assertEquals(before, leftovers(), "temporary folders left in " + System.getProperty("java.io.tmpdir"));
    }

    @Test
    void aTemporaryFolder_isRemovedWithEverythingInIt() {
        Path[] seen = new Path[1];
        String got = TempFolder.use("gradgraph-test", dir -> {
            seen[0] = dir;
            try {
                Files.writeString(dir.resolve("a.csv"), "1,2,0\n");
                Files.createDirectories(dir.resolve("inner/deeper"));
                Files.writeString(dir.resolve("inner/deeper/.model.safetensors.tmp"), "x");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return "done".toUpperCase(Locale.ROOT);
        });
        assertEquals("DONE", got);
        assertFalse(Files.exists(seen[0]), seen[0] + " is still there");
    }
}
