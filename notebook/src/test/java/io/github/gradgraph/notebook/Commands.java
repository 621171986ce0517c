package io.github.gradgraph.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an outside program for the notebook tests (Jupyter's nbconvert, the packaged jar), its output kept. */
public final class Commands {
    private Commands() {
    }

    /** What a command printed (standard output and error), and its exit status. */
    public record Ran(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }
    }

    /**
     * @param dir the working folder, or null for this one's
     * @param env variables set for the command. Not modified.
     * @return what the command did, or null when it could not start (not installed)
     * @throws AssertionError when it does not finish within {@code seconds}
     */
    public static Ran run(List<String> command, Path dir, Map<String, String> env, int seconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException notThere) {
            return null;
        }
        Path log = Files.createTempFile("notebook-run", ".log");
        try {
            Thread copier = new Thread(() -> {
                try {
                    Files.copy(p.getInputStream(), log, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException ignored) {
                    // the process went away
                }
            });
            copier.start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + seconds + " s");
            }
            copier.join(10_000);
            return new Ran(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
