package io.github.gradgraph.notebook.kernel;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./gradgraph notebook}: installs the {@code gradgraph} Jupyter kernel spec (a Java kernel with gradgraph on
 * its classpath and its imports made) and starts Jupyter's notebook in the clone's {@code notebooks/} folder. Without
 * Jupyter it says where the spec went and how to get Jupyter.
 */
@Command(name = "gradgraph notebook", mixinStandardHelpOptions = true, version = "gradgraph 0.1.0",
        description = "Install the Jupyter kernel \"" + KernelSpec.DISPLAY_NAME + "\" and start Jupyter's notebook.")
public final class NotebookCommand implements Callable<Integer> {
    static final String PREFIX = "gradgraph notebook: ";

    @Option(names = "--kernel-dir", paramLabel = "DIR",
            description = "A Jupyter data folder to install into (the spec goes to DIR/kernels/gradgraph); "
                    + "default: the user's, as 'jupyter --data-dir' says.")
    Path kernelDir;

    @Option(names = "--no-start", description = "Only write the kernel spec; do not start Jupyter.")
    boolean noStart;

    @Option(names = "--kernel-jar", hidden = true, description = "The kernel's jar (default: kernel/ beside this jar).")
    Path kernelJar;

    @Option(names = "--notebook-jar", hidden = true, description = "gradgraph's notebook jar (default: this jar).")
    Path notebookJar;

    Map<String, String> env = System.getenv();
    Executables executables = Executables.ofSystem();
    String osName = System.getProperty("os.name");
    String osArch = System.getProperty("os.arch");
    Path home = Path.of(System.getProperty("user.home"));
    /** The clone, which the launcher passes; its {@code notebooks/} folder is where Jupyter starts. */
    Path clone = Optional.ofNullable(System.getProperty("gradgraph.home")).map(Path::of).orElse(null);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(new NotebookCommand()).execute(args));
    }

    /** @return the command line over {@code command}, which prints an unexpected failure in one line too */
    static CommandLine commandLine(NotebookCommand command) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println(PREFIX + e);
            return 2;
        });
        return cl;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path specDir;
        try {
            Path notebook = notebookJar != null ? notebookJar : ownJar();
            Path kernel = kernelJar != null ? kernelJar : kernelJarBeside(notebook);
            Path data = kernelDir != null ? kernelDir : JupyterDataDir.resolve(env, osName, home);
            boolean vector = KernelSpec.needsVectorModule(osName, osArch);
            specDir = new KernelInstaller(kernel, notebook, vector).install(data);
        } catch (NotebookException e) {
            err.println(PREFIX + e.getMessage());
            err.flush();
            return 1;
        }
        String where = "kernel \"" + KernelSpec.DISPLAY_NAME + "\" installed in " + specDir;
        if (noStart) {
            out.println(PREFIX + where);
            out.flush();
            return 0;
        }
        Optional<Path> jupyter = executables.find("jupyter");
        if (jupyter.isEmpty() || executables.find("jupyter-notebook").isEmpty()) {
            out.println(PREFIX + where + "; Jupyter's notebook is not on PATH: install it (Debian/Ubuntu: sudo apt-get "
                    + "install jupyter-notebook; elsewhere: pip install notebook) and run ./gradgraph notebook again"
                    + (kernelDir != null ? "; Jupyter finds this spec with JUPYTER_PATH=" + kernelDir.toAbsolutePath()
                            : ""));
            out.flush();
            return 0;
        }
        Path folder = clone != null && Files.isDirectory(clone.resolve("notebooks")) ? clone.resolve("notebooks")
                : Path.of("").toAbsolutePath();
        out.println(PREFIX + where + "; starting Jupyter in " + folder);
        out.flush();
        return startJupyter(jupyter.get(), folder, err);
    }

    private int startJupyter(Path jupyter, Path folder, PrintWriter err) {
        ProcessBuilder pb = new ProcessBuilder(jupyter.toString(), "notebook").directory(folder.toFile()).inheritIO();
        if (kernelDir != null) { // Jupyter looks in its own data folders; a spec elsewhere is found through this
            String more = env.get("JUPYTER_PATH");
            pb.environment().put("JUPYTER_PATH", kernelDir.toAbsolutePath()
                    + (more == null || more.isBlank() ? "" : File.pathSeparator + more));
        }
        try {
            return pb.start().waitFor();
        } catch (IOException e) {
            err.println(PREFIX + "cannot start " + jupyter + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** @return the jar this class was loaded from */
    private static Path ownJar() {
        try {
            Path p = Path.of(NotebookCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(p)) {
                throw new NotebookException("gradgraph's notebook jar is missing: running from " + p
                        + ", not from notebook/target/gradgraph-notebook.jar (pass --notebook-jar)");
            }
            return p;
        } catch (URISyntaxException | SecurityException e) {
            throw new NotebookException("cannot tell where gradgraph's notebook jar is: " + e.getMessage(), e);
        }
    }

    /** @return the kernel jar that the build copies into {@code kernel/} beside gradgraph's notebook jar */
    static Path kernelJarBeside(Path notebookJar) {
        Path dir = notebookJar.toAbsolutePath().getParent().resolve("kernel");
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "rapaio-jupyter-kernel-*.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            } catch (IOException e) {
                throw new NotebookException("cannot read " + dir + ": " + e.getMessage(), e);
            }
        }
        throw new NotebookException("the kernel jar is missing: no rapaio-jupyter-kernel-*.jar in " + dir
                + " (build it with: mvn -pl notebook -am package -DskipTests)");
    }
}
