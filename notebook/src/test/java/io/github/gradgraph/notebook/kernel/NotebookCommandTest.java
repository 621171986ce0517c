package io.github.gradgraph.notebook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./gradgraph notebook} on stand-in jars: where the spec goes, what it says, and how it fails. */
class NotebookCommandTest {
    @TempDir
    Path tmp;
    Path kernelJar;
    Path notebookJar;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void jars() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("clone/notebook/target"));
        notebookJar = Files.writeString(target.resolve("gradgraph-notebook.jar"), "gradgraph");
        kernelJar = Files.writeString(Files.createDirectories(target.resolve("kernel"))
                .resolve("rapaio-jupyter-kernel-3.0.1.jar"), "kernel");
    }

    /** Runs the command with {@code path} as PATH; @return its exit code */
    private int run(String path, String... args) {
        NotebookCommand c = new NotebookCommand();
        c.executables = new Executables(path, false);
        c.env = Map.of("HOME", tmp.resolve("home").toString());
        c.home = tmp.resolve("home");
        c.osName = "Linux";
        c.osArch = "amd64";
        c.clone = tmp.resolve("clone");
        CommandLine cl = NotebookCommand.commandLine(c);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(Stream.concat(Stream.of("--kernel-jar", kernelJar.toString(), "--notebook-jar",
                notebookJar.toString()), Stream.of(args)).toArray(String[]::new));
    }

    private List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Test
    void kernelDir_holdsTheSpecUnderKernelsGradgraph() throws Exception {
        Path data = tmp.resolve("jd");
        assertEquals(0, run("", "--kernel-dir", data.toString(), "--no-start"), err.toString());
        Path spec = data.resolve("kernels/gradgraph").toAbsolutePath();
        assertEquals(List.of("", "kernels", "kernels/gradgraph", "kernels/gradgraph/gradgraph-notebook.jar",
                "kernels/gradgraph/init.jshell", "kernels/gradgraph/kernel.json",
                "kernels/gradgraph/rapaio-jupyter-kernel-3.0.1.jar"), listing(data));
        assertEquals("gradgraph", Files.readString(spec.resolve("gradgraph-notebook.jar")), "a copy, not a link");
        JsonNode json = new ObjectMapper().readTree(spec.resolve("kernel.json").toFile());
        assertEquals(spec.resolve("rapaio-jupyter-kernel-3.0.1.jar") + java.io.File.pathSeparator
                + spec.resolve("gradgraph-notebook.jar"), json.get("argv").get(3).asText());
        assertEquals(spec.resolve("gradgraph-notebook.jar").toString(), json.get("env").get("RJK_CLASSPATH").asText());
        assertEquals("gradgraph notebook: kernel \"Java (gradgraph)\" installed in " + spec + "\n",
                out.toString().replace("\r\n", "\n"));
        assertEquals("", err.toString());
    }

    @Test
    void install_again_replacesTheSpec_andLeavesNothingBeside() throws Exception {
        Path data = tmp.resolve("jd");
        assertEquals(0, run("", "--kernel-dir", data.toString(), "--no-start"));
        Files.writeString(notebookJar, "gradgraph, rebuilt");
        assertEquals(0, run("", "--kernel-dir", data.toString(), "--no-start"));
        assertEquals("gradgraph, rebuilt",
                Files.readString(data.resolve("kernels/gradgraph/gradgraph-notebook.jar")));
        assertEquals(List.of("", "gradgraph"), listing(data.resolve("kernels")).stream()
                .filter(p -> !p.contains("/")).toList());
    }

    @Test
    void noKernelDir_installsIntoTheUsersJupyterDataFolder() {
        assertEquals(0, run("", "--no-start"));
        assertTrue(Files.isRegularFile(tmp.resolve("home/.local/share/jupyter/kernels/gradgraph/kernel.json")));
    }

    @Test
    void withoutJupyter_oneLine_whereTheSpecWentAndHowToGetJupyter() {
        Path data = tmp.resolve("jd");
        assertEquals(0, run(tmp.resolve("empty-bin").toString(), "--kernel-dir", data.toString()));
        List<String> lines = out.toString().lines().toList();
        assertEquals(1, lines.size(), out.toString());
        String line = lines.get(0);
        assertTrue(line.startsWith("gradgraph notebook: kernel \"Java (gradgraph)\" installed in "
                + data.resolve("kernels/gradgraph").toAbsolutePath() + "; Jupyter's notebook is not on PATH"), line);
        assertTrue(line.contains("sudo apt-get install jupyter-notebook"), line);
        assertTrue(line.endsWith("; Jupyter finds this spec with JUPYTER_PATH=" + data.toAbsolutePath()), line);
        assertEquals("", err.toString());
    }

    @Test
    void withJupyter_startsTheNotebookInTheClonesNotebooksFolder() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path record = tmp.resolve("started.txt");
        Path notebooks = Files.createDirectories(tmp.resolve("clone/notebooks"));
        Path jupyter = Files.writeString(bin.resolve("jupyter"),
                "#!/bin/sh\necho \"$* in $(pwd) with $JUPYTER_PATH\" > '" + record + "'\n");
        Path app = Files.writeString(bin.resolve("jupyter-notebook"), "#!/bin/sh\n");
        assumeTrue(jupyter.toFile().setExecutable(true) && app.toFile().setExecutable(true)
                && Files.exists(Path.of("/bin/sh")), "a POSIX shell");
        Path data = tmp.resolve("jd");
        assertEquals(0, run(bin.toString(), "--kernel-dir", data.toString()), err.toString());
        assertEquals("notebook in " + notebooks.toRealPath() + " with " + data.toAbsolutePath(),
                Files.readString(record).strip());
        assertTrue(out.toString().contains("starting Jupyter in " + notebooks), out.toString());
    }

    @Test
    void jupyterWithoutTheNotebookApp_isNoJupyter() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path jupyter = Files.writeString(bin.resolve("jupyter"), "#!/bin/sh\nexit 3\n");
        assumeTrue(jupyter.toFile().setExecutable(true));
        assertEquals(0, run(bin.toString(), "--kernel-dir", tmp.resolve("jd").toString()));
        assertTrue(out.toString().contains("Jupyter's notebook is not on PATH"), out.toString());
    }

    @Test
    void kernelDirIsAFile_oneLineNamingIt_nonZero_nothingWritten() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        assertEquals(1, run("", "--kernel-dir", file.toString(), "--no-start"));
        assertEquals("gradgraph notebook: " + file.toAbsolutePath() + " is not a folder (a Jupyter data folder is "
                + "wanted)\n", err.toString().replace("\r\n", "\n"));
        assertEquals("mine", Files.readString(file));
        assertEquals("", out.toString());
    }

    @Test
    void kernelDirUnderAFile_cannotBeWritten_andLeavesNothing() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        Path data = file.resolve("jd");
        assertEquals(1, run("", "--kernel-dir", data.toString(), "--no-start"));
        String message = err.toString().strip();
        assertTrue(message.startsWith("gradgraph notebook: cannot write the kernel spec into " + data.toAbsolutePath()
                + ": "), message);
        assertEquals(1, message.lines().count(), "no stack trace: " + message);
        assertEquals(List.of("", "clone", "notes.txt"), listing(tmp).stream().filter(p -> !p.contains("/")).toList());
    }

    @Test
    void kernelDirUnwritable_saysPermissionDenied_andLeavesItEmpty() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("ro"));
        try {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "no POSIX permissions here");
        }
        try {
            assumeTrue(!Files.isWritable(data), "this user writes anywhere (root)");
            assertEquals(1, run("", "--kernel-dir", data.toString(), "--no-start"));
            assertEquals("gradgraph notebook: cannot write the kernel spec into " + data.toAbsolutePath()
                    + ": permission denied (" + data.resolve("kernels").toAbsolutePath() + ")",
                    err.toString().strip());
            assertEquals(List.of(""), listing(data));
        } finally {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void kernelDirIsAKernelsFolder_isRefused() throws Exception {
        Path kernels = Files.createDirectories(tmp.resolve("jd/kernels"));
        assertEquals(1, run("", "--kernel-dir", kernels.toString(), "--no-start"));
        assertTrue(err.toString().contains("give the Jupyter data folder above it"), err.toString());
        assertEquals(List.of(""), listing(kernels));
    }

    @Test
    void missingJar_oneLineNamingIt_nothingWritten() throws Exception {
        Files.delete(kernelJar);
        Path data = tmp.resolve("jd");
        assertEquals(1, run("", "--kernel-dir", data.toString(), "--no-start"));
        assertEquals("gradgraph notebook: the kernel jar is missing: " + kernelJar
                + " (build it with: mvn -pl notebook -am package -DskipTests)", err.toString().strip());
        assertFalse(Files.exists(data));
    }

    @Test
    void kernelJarBeside_findsTheCopiedKernel_orSaysWhereItLooked() throws Exception {
        assertEquals(kernelJar, NotebookCommand.kernelJarBeside(notebookJar));
        Files.delete(kernelJar);
        NotebookException e = org.junit.jupiter.api.Assertions.assertThrows(NotebookException.class,
                () -> NotebookCommand.kernelJarBeside(notebookJar));
        assertTrue(e.getMessage().startsWith("the kernel jar is missing: no rapaio-jupyter-kernel-*.jar in "
                + kernelJar.getParent()), e.getMessage());
    }
}
