package io.github.gradgraph.notebook.kernel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The content of the {@code gradgraph} kernel spec: its {@code kernel.json} and the JShell lines the kernel runs at
 * start. The paths in it are those of the installed spec folder, so the spec keeps working after the clone's
 * {@code target} folders are cleaned.
 *
 * @param dir the spec folder as installed ({@code …/kernels/gradgraph}), absolute
 * @param kernelJar the kernel's jar file name in {@code dir}
 * @param notebookJar gradgraph's shaded jar file name in {@code dir}
 * @param vectorModule whether the kernel JVM adds {@code jdk.incubator.vector} (where the launcher does: no native
 *     OpenBLAS there)
 */
record KernelSpec(Path dir, String kernelJar, String notebookJar, boolean vectorModule) {
    static final String NAME = "gradgraph";
    static final String DISPLAY_NAME = "Java (gradgraph)";
    static final String KERNEL_JSON = "kernel.json";
    static final String INIT_SCRIPT = "init.jshell";

    /** What a notebook imports; each line compiles in the kernel's JShell (the notebook test runs them). */
    static final List<String> IMPORTS = List.of(
            "import org.ejml.data.DMatrixRMaj;",
            "import io.github.gradgraph.core.*;",
            "import io.github.gradgraph.graph.*;",
            "import static io.github.gradgraph.graph.ops.Ops.*;",
            // the composites by name (Functions.mean), as the README writes them; not ops.*, whose MatMul and Step
            // would make core's and exec's ambiguous
            "import io.github.gradgraph.graph.ops.Functions;",
            "import io.github.gradgraph.graph.ops.Ops;",
            "import io.github.gradgraph.graph.autodiff.*;",
            "import io.github.gradgraph.graph.check.*;",
            "import io.github.gradgraph.graph.exec.*;",
            // gradgraph's, not java.lang's deprecated Compiler, which the on-demand import would make ambiguous
            "import io.github.gradgraph.graph.exec.Compiler;",
            "import io.github.gradgraph.graph.print.*;",
            "import io.github.gradgraph.graph.expr.*;",
            "import io.github.gradgraph.nn.*;",
            "import io.github.gradgraph.nn.layers.*;",
            "import io.github.gradgraph.nn.data.*;",
            "import io.github.gradgraph.nn.optim.*;",
            "import io.github.gradgraph.notebook.*;",
            "import io.github.gradgraph.notebook.kernel.*;");

    /**
     * @return whether the kernel JVM needs {@code --add-modules jdk.incubator.vector}: everywhere but Linux x86-64 and
     *     ARM64, where matrix products run on the bundled native OpenBLAS (the launcher's own rule)
     */
    static boolean needsVectorModule(String osName, String osArch) {
        boolean linux = osName.toLowerCase(Locale.ROOT).startsWith("linux");
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean nativeBlas = arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64");
        return !(linux && nativeBlas);
    }

    /**
     * The Java that runs this installer runs the kernel (as Jupyter's own kernels name their interpreter by its path):
     * a {@code java} found first on Jupyter's PATH may be another, older one.
     */
    static final String JAVA = javaCommand();

    private static String javaCommand() {
        Path java = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }

    /** @return the {@code kernel.json} object, in the order Jupyter's own specs list it */
    Map<String, Object> kernelJson() {
        List<String> argv = new ArrayList<>();
        argv.add(JAVA);
        if (vectorModule) {
            argv.add("--add-modules");
            argv.add("jdk.incubator.vector");
        }
        argv.add("-Djava.awt.headless=true");
        // KernelMain starts the kernel as its own main does, and restarts a channel loop that ended at start (see
        // there); gradgraph's jar is also on RJK_CLASSPATH, for the cells' compiler
        argv.add("-cp");
        argv.add(dir.resolve(kernelJar) + File.pathSeparator + dir.resolve(notebookJar));
        argv.add(KernelMain.class.getName());
        argv.add("{connection_file}");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RJK_CLASSPATH", dir.resolve(notebookJar).toString());
        env.put("RJK_INIT_SCRIPT", dir.resolve(INIT_SCRIPT).toString());
        env.put("RJK_TIMEOUT_MILLIS", "-1"); // training runs as long as it takes; interrupt stops it
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("argv", argv);
        json.put("display_name", DISPLAY_NAME);
        json.put("language", "java");
        json.put("interrupt_mode", "message");
        json.put("env", env);
        return json;
    }

    /** @return the kernel's start script: one statement a line, as the kernel evaluates it */
    String initScript() {
        return String.join("\n", IMPORTS) + "\n";
    }
}
