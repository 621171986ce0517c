package io.github.gradgraph.web.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A temporary folder for one use of a library reader or writer that works on files (the CSV reader, the safetensors
 * and history writers), removed with what it holds afterwards.
 */
public final class TempFolder {
    private TempFolder() {
    }

    /** Removes {@code dir} and all it holds, deepest first; what cannot be removed is left to the system. */
    private static void remove(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) { // in use elsewhere: the rest is still removed
                }
            }
        } catch (IOException | UncheckedIOException ignored) { // gone already, or unreadable: nothing more to do
        }
    }

    /**
     * @param prefix names the folder
     * @param use    what to do in it
     * @return what {@code use} returned
     */
    public static <T> T use(String prefix, Function<Path, T> use) {
        Path dir;
        try {
            dir = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a temporary folder", e);
        }
        try {
            return use.apply(dir);
        } finally {
            remove(dir);
        }
    }
}
