package io.github.gradgraph.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints survive a real crash: a separate JVM saves a large checkpoint in a loop and is killed (SIGKILL) 20 times,
 * half at a random moment within a save and half the moment its temporary file appears; after each kill the file loads, verifies and holds one whole version — the last one the
 * writer reported or a later one — and no temporary file is left behind by the next save. Then every single-byte
 * corruption of a small checkpoint is rejected.
 */
class CrashSafeCheckpointTest {
    static final int[] LAYERS = {1000, 300, 1}; // W1 alone is 2.4 MB: a save takes long enough to be interrupted
    private static final int KILLS = 20; // each a JVM start (~1.4 s); the whole suite keeps to its budget

    @TempDir
    Path dir;

    @Test
    void killedMidSave_theCheckpointStillLoads_andHoldsAWholeVersion() throws Exception {
        Path file = dir.resolve("model.safetensors");
        long seed = Long.getLong("gradgraph.seed", System.nanoTime()); // the kill moments; the timing is the OS's
        System.out.println("CrashSafeCheckpointTest seed " + seed + " (replay with -Dgradgraph.seed=" + seed + ")");
        Random r = new Random(seed);
        long lastSeen = 0;
        int interrupted = 0;
        int midWrite = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), CheckpointWriterLoop.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            AtomicLong reported = new AtomicLong();
            AtomicLong started = new AtomicLong();
            AtomicLong saveMillis = new AtomicLong(1);
            Thread reader = new Thread(() -> readVersions(p, reported, started, saveMillis));
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (started.get() < 2 && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(1); // the JVM is up, has saved once and begins the next save
            }
            assertTrue(reported.get() > 0 && started.get() >= 2, "the writer never saved");
            if (kill % 2 == 0) {
                Thread.sleep(r.nextInt((int) Math.max(2, saveMillis.get()))); // a random moment within that save
            } else {
                waitForTemporaryFile(deadline); // the moment its bytes are being written
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            reader.join(10_000);
            long before = reported.get();
            Checkpoint c = Safetensors.load(file); // verifies header, shapes and checksum
            DMatrixRMaj w1 = c.params().get("W1");
            long version = (long) w1.get(0, 0);
            for (int i = 0; i < w1.getNumElements(); i++) {
                assertEquals(version, w1.data[i], 0.0, "a checkpoint mixes versions");
            }
            assertTrue(version >= before && version <= before + 1, "version " + version + " after " + before
                    + " reported saves");
            interrupted += version == before ? 1 : 0;
            lastSeen = version;
            try (Stream<Path> left = Files.list(dir)) {
                midWrite += left.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")) ? 1 : 0;
            }
        }
        System.out.println("crash-safe checkpoints: " + KILLS + " kills, " + interrupted + " before the next save "
                + "reported, " + midWrite + " caught mid-write (a temporary file left); last version " + lastSeen);
        assertTrue(midWrite > 0, "no kill landed mid-write: the test proves nothing");
        Safetensors.save(Safetensors.load(file), file); // a later save in the same folder clears them
        try (Stream<Path> left = Files.list(dir)) {
            List<String> names = left.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("model.safetensors"), names, "temporary files left behind");
        }
    }

    @Test
    void everySingleByteCorruption_isRejected() throws IOException {
        Path file = dir.resolve("small.safetensors");
        io.github.gradgraph.nn.NetworkSpec spec = new io.github.gradgraph.nn.NetworkSpec(new int[] {2, 3, 1},
                io.github.gradgraph.nn.Activation.TANH, io.github.gradgraph.nn.Activation.SIGMOID,
                io.github.gradgraph.nn.LossKind.BCE, 0);
        io.github.gradgraph.graph.ParameterStore store = io.github.gradgraph.nn.Initializer.XAVIER.initialize(
                new io.github.gradgraph.nn.Network(spec), new io.github.gradgraph.graph.ParameterStore(), 3);
        Safetensors.save(new Checkpoint(spec, store, null, List.of("a", "b")), file);
        byte[] good = Files.readAllBytes(file);
        int rejected = 0;
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) (1 + (i % 255)); // a different non-zero flip at each position
            Path f = dir.resolve("flipped.safetensors");
            Files.write(f, bad);
            final int at = i;
            CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.load(f),
                    "a flip at byte " + at + " of " + good.length + " was accepted");
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
            rejected++;
        }
        assertEquals(good.length, rejected);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) { // saved as an ordinary file, not a 0600 temp
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file)));
        }
        System.out.println("every one of " + good.length + " single-byte corruptions rejected");
    }

    private void waitForTemporaryFile(long deadline) throws IOException {
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                if (files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"))) {
                    return;
                }
            }
        }
    }

    private static void readVersions(Process p, AtomicLong reported, AtomicLong started, AtomicLong saveMillis) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] words = line.trim().split(" ");
                if (words[0].equals("done") && words.length == 3) {
                    saveMillis.set(Long.parseLong(words[2]));
                    reported.set(Long.parseLong(words[1]));
                } else if (words[0].equals("start") && words.length == 2) {
                    started.set(Long.parseLong(words[1]));
                } else {
                    System.out.println("writer: " + line);
                }
            }
        } catch (IOException e) {
            // the process was killed: its pipe closes
        }
    }
}
