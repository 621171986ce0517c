package io.github.gradgraph.notebook.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the {@code gradgraph} kernel spec into a Jupyter data folder: {@code DATA/kernels/gradgraph/} with the
 * kernel's jar, gradgraph's jar, {@code kernel.json} and the start script. All is written into a folder beside it and
 * moved into place at the end, so a failure leaves the previous spec (or none) and no half-written one.
 */
final class KernelInstaller {
    private final Path kernelJar;
    private final Path notebookJar;
    private final boolean vectorModule;

    /**
     * @param kernelJar the kernel's jar. Not modified.
     * @param notebookJar gradgraph's shaded jar. Not modified.
     * @param vectorModule whether the kernel JVM adds the incubating vector module
     */
    KernelInstaller(Path kernelJar, Path notebookJar, boolean vectorModule) {
        this.kernelJar = kernelJar;
        this.notebookJar = notebookJar;
        this.vectorModule = vectorModule;
    }

    /**
     * @param dataDir a Jupyter data folder; created when missing
     * @return the spec folder written, {@code dataDir/kernels/gradgraph}
     * @throws NotebookException naming the missing jar or the folder that cannot be written
     */
    Path install(Path dataDir) {
        requireJar(kernelJar, "the kernel jar");
        requireJar(notebookJar, "gradgraph's notebook jar");
        Path data = dataDir.toAbsolutePath().normalize();
        if (Files.exists(data) && !Files.isDirectory(data)) {
            throw new NotebookException(data + " is not a folder (a Jupyter data folder is wanted)");
        }
        if (Files.isRegularFile(data.resolve(KernelSpec.KERNEL_JSON)) || "kernels".equals(name(data))) {
            throw new NotebookException(data + " looks like a kernel spec or kernels folder; give the Jupyter data "
                    + "folder above it (the spec goes to DIR/kernels/" + KernelSpec.NAME + ")");
        }
        Path kernels = data.resolve("kernels");
        Path target = kernels.resolve(KernelSpec.NAME);
        List<Path> created = new ArrayList<>();
        Path staging = null;
        try {
            createDirectories(kernels, created);
            staging = Files.createTempDirectory(kernels, "." + KernelSpec.NAME + "-");
            KernelSpec spec = new KernelSpec(target, name(kernelJar), name(notebookJar), vectorModule);
            Files.copy(kernelJar, staging.resolve(spec.kernelJar()));
            Files.copy(notebookJar, staging.resolve(spec.notebookJar()));
            Files.writeString(staging.resolve(KernelSpec.INIT_SCRIPT), spec.initScript(), StandardCharsets.UTF_8);
            Files.writeString(staging.resolve(KernelSpec.KERNEL_JSON), json(spec.kernelJson()),
                    StandardCharsets.UTF_8);
            replace(staging, target);
            staging = null;
            return target;
        } catch (IOException | UncheckedIOException e) {
            throw new NotebookException("cannot write the kernel spec into " + data + ": " + reason(e), e);
        } finally {
            if (staging != null) {
                deleteQuietly(staging);
                for (int i = created.size() - 1; i >= 0; i--) {
                    deleteQuietly(created.get(i));
                }
            }
        }
    }

    /** @return {@code kernel.json}'s text: two-space indented, as Jupyter writes its own */
    static String json(Map<String, Object> kernelJson) throws IOException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(kernelJson) + "\n";
    }

    private static void requireJar(Path jar, String what) {
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new NotebookException(what + " is missing: " + jar
                    + " (build it with: mvn -pl notebook -am package -DskipTests)");
        }
    }

    /** Creates {@code dir} and its missing parents, recording those it created (outermost first). */
    private static void createDirectories(Path dir, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            created.add(p);
        }
    }

    /** Moves the written spec into place; a previous spec is moved aside first and removed after. */
    private static void replace(Path staging, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = staging.resolveSibling(staging.getFileName() + "-old");
            Files.move(target, old);
        }
        try {
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
        } catch (IOException e) {
            if (old != null) {
                Files.move(old, target); // the previous spec stays as it was
            }
            throw e;
        }
        if (old != null) {
            deleteQuietly(old);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied (" + a.getFile() + ")";
        }
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return "no such folder (" + f.getFile() + ")";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return "a file is in the way (" + f.getFile() + ")";
        }
        if (e instanceof FileSystemException f) {
            String why = f.getReason() == null ? "the folder cannot be made" : f.getReason();
            return why.toLowerCase(java.util.Locale.ROOT) + " (" + f.getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String name(Path p) {
        return p.getFileName() == null ? "" : p.getFileName().toString();
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: what is left is a hidden staging folder, never the spec itself
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // as above
        }
    }
}
