package io.github.gradgraph.web.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A temporary folder for one use of a library reader or writer that works on files (the CSV reader, the safetensors
 * and history writers), removed with what it holds afterwards.
 */
public final class TempFolder {
    private TempFolder() {
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
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // a temporary file left behind is removed by the system
            }
        }
    }
}
