package io.github.gradgraph.notebook.stored;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.gradgraph.nn.data.FashionMnist;
import io.github.gradgraph.notebook.Commands;
import io.github.gradgraph.notebook.Commands.Ran;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Executes every notebook of {@code notebooks/} headlessly with Jupyter's nbconvert and the kernel the packaged jar
 * installs, as a user's Jupyter would: no cell may fail, each notebook's rich outputs carry the MIME types it is
 * meant to show, and its stored outputs must be what the current code makes (the text of every output; pictures by
 * their presence). {@code -Dgradgraph.notebooks.update=true} writes the fresh outputs over the stored ones instead.
 * Without Jupyter it skips, unless {@code -Dgradgraph.notebooks.required=true} (as CI runs it).
 */
class StoredNotebooksIT {
    /** What each notebook must show beyond text. */
    private static final Map<String, List<String>> SHOWS = Map.of(
            "01-deep-network-step-by-step.ipynb", List.of("text/latex", "image/svg+xml", "text/html", "image/png"),
            "02-a-loss-of-your-own.ipynb", List.of("text/latex", "text/html", "image/png"),
            "03-a-primitive-of-your-own.ipynb", List.of("text/latex", "text/html", "image/png"),
            "04-convolutional-network.ipynb", List.of("text/latex", "image/png"),
            "05-character-model.ipynb", List.of("text/latex", "image/png"));
    private static final boolean REQUIRED = Boolean.getBoolean("gradgraph.notebooks.required");
    private static final boolean UPDATE = Boolean.getBoolean("gradgraph.notebooks.update");

    private static Path target;
    private static Path notebooks;
    private static Path jupyterData;

    @BeforeAll
    static void installTheKernel() throws IOException, InterruptedException {
        target = Path.of(System.getProperty("gradgraph.target", "target")).toAbsolutePath();
        notebooks = target.getParent().getParent().resolve("notebooks");
        Ran nbconvert = run(List.of("jupyter", "nbconvert", "--version"), null, 60);
        if (nbconvert == null || !nbconvert.ok()) {
            String why = "Jupyter's nbconvert is not installed (Debian: apt-get install --no-install-recommends "
                    + "jupyter-nbconvert python3-nbclient jupyter-core jupyter-client)";
            if (REQUIRED) {
                fail(why + "; -Dgradgraph.notebooks.required=true needs it");
            }
            assumeTrue(false, why);
        }
        jupyterData = target.resolve("notebook-runs/jupyter");
        Ran installed = run(List.of(javaBin(), "-jar", target.resolve("gradgraph-notebook.jar").toString(),
                "--kernel-dir", jupyterData.toString(), "--no-start"), null, 120);
        assertTrue(installed != null && installed.ok()
                && Files.exists(jupyterData.resolve("kernels/gradgraph/kernel.json")),
                () -> "./gradgraph notebook --kernel-dir … --no-start wrote no kernel spec: " + installed);
    }

    @TestFactory
    Stream<DynamicTest> everyNotebook_runsAndShowsWhatItStored() throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.list(notebooks)) {
            all = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertEquals(SHOWS.keySet().stream().sorted().toList(),
                all.stream().map(p -> p.getFileName().toString()).toList(), "the notebooks this test knows");
        return all.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> execute(p)));
    }

    private static void execute(Path notebook) throws IOException, InterruptedException {
        String name = notebook.getFileName().toString();
        if (name.startsWith("04-") && !FashionMnist.installed()) {
            String why = "Fashion-MNIST is not installed (" + FashionMnist.INSTALL + ")";
            if (Boolean.getBoolean("gradgraph.fashion.required")) {
                fail(name + ": " + why);
            }
            assumeTrue(false, why);
        }
        Path out = target.resolve("notebook-runs/executed");
        Files.createDirectories(out);
        long start = System.nanoTime();
        Ran log = run(List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=gradgraph", "--ExecutePreprocessor.timeout=600",
                "--ExecutePreprocessor.record_timing=False", // no wall-clock times in a stored notebook
                "--allow-errors", "--output-dir", out.toString(), notebook.toString()), notebook.getParent(), 900);
        Path fresh = out.resolve(name);
        assertTrue(log != null && log.ok() && Files.exists(fresh), () -> name + ": nbconvert failed: "
                + (log == null ? "it is not installed" : log.output()));
        System.out.printf("%s executed in %.1f s%n", name, (System.nanoTime() - start) / 1e9);
        StoredOutputs now = StoredOutputs.read(fresh);
        assertEquals(List.of(), now.errors(), name + ": cells failed");
        for (String mime : SHOWS.get(name)) {
            assertTrue(now.mimeTypes().contains(mime), name + " shows no " + mime + "; it shows " + now.mimeTypes());
        }
        if (UPDATE) {
            Files.copy(fresh, notebook, StandardCopyOption.REPLACE_EXISTING);
            System.out.println(name + ": stored outputs updated");
            return;
        }
        List<String> changed = StoredOutputs.read(notebook).differences(now);
        assertEquals(List.of(), changed, name + "'s stored outputs are not what the current code makes; run "
                + "mvn -B verify -pl notebook -am -Dgradgraph.notebooks.update=true to store the new ones");
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** @return what the command did (with Jupyter's folders set once the kernel is installed), or null: not there */
    private static Ran run(List<String> command, Path dir, int seconds) throws IOException, InterruptedException {
        Map<String, String> env = jupyterData == null ? Map.of() : Map.of("JUPYTER_PATH", jupyterData.toString(),
                "JUPYTER_RUNTIME_DIR", target.resolve("notebook-runs/runtime").toString());
        return Commands.run(command, dir, env, seconds);
    }
}
