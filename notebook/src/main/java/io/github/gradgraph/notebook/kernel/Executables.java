package io.github.gradgraph.notebook.kernel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Finds a program on a {@code PATH}, as a shell would, without running anything. */
final class Executables {
    private final String path;
    private final List<String> suffixes;

    /**
     * @param path a {@code PATH} value, entries separated by the platform's separator; null as empty
     * @param windows whether to try {@code .exe}, {@code .cmd} and {@code .bat} too
     */
    Executables(String path, boolean windows) {
        this.path = path == null ? "" : path;
        this.suffixes = windows ? List.of("", ".exe", ".cmd", ".bat") : List.of("");
    }

    /** @return the lookup over this process's {@code PATH} */
    static Executables ofSystem() {
        return new Executables(System.getenv("PATH"), File.pathSeparatorChar == ';');
    }

    /** @return the first executable file named {@code name} on the path */
    Optional<Path> find(String name) {
        for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
            if (dir.isBlank()) {
                continue;
            }
            for (String suffix : suffixes) {
                Path p = Path.of(dir, name + suffix);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
