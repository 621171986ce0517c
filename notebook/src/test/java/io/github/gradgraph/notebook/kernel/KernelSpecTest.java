package io.github.gradgraph.notebook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code kernel.json} and the start script say, read back as Jupyter reads them. */
class KernelSpecTest {
    private static final Path DIR = Path.of("/home/u/.local/share/jupyter/kernels/gradgraph");

    private static JsonNode json(boolean vector) throws Exception {
        KernelSpec spec = new KernelSpec(DIR, "rapaio-jupyter-kernel-3.0.1.jar", "gradgraph-notebook.jar", vector);
        return new ObjectMapper().readTree(KernelInstaller.json(spec.kernelJson()));
    }

    private static List<String> argv(JsonNode json) {
        List<String> argv = new ArrayList<>();
        json.get("argv").forEach(a -> argv.add(a.asText()));
        return argv;
    }

    @Test
    void kernelJson_namesTheKernel_andRunsTheInstalledJar() throws Exception {
        JsonNode json = json(false);
        assertEquals("Java (gradgraph)", json.get("display_name").asText());
        assertEquals("java", json.get("language").asText());
        assertEquals("message", json.get("interrupt_mode").asText());
        assertEquals(List.of(KernelSpec.JAVA, "-Djava.awt.headless=true", "-cp",
                DIR.resolve("rapaio-jupyter-kernel-3.0.1.jar") + File.pathSeparator
                        + DIR.resolve("gradgraph-notebook.jar"),
                "io.github.gradgraph.notebook.kernel.KernelMain", "{connection_file}"), argv(json));
        JsonNode env = json.get("env");
        assertEquals(DIR.resolve("gradgraph-notebook.jar").toString(), env.get("RJK_CLASSPATH").asText());
        assertEquals(DIR.resolve("init.jshell").toString(), env.get("RJK_INIT_SCRIPT").asText());
        assertEquals("-1", env.get("RJK_TIMEOUT_MILLIS").asText());
        assertEquals(3, env.size(), "no other setting: " + env);
    }

    @Test
    void kernelJson_vectorModule_addedBeforeTheJar() throws Exception {
        List<String> argv = argv(json(true));
        assertEquals(List.of(KernelSpec.JAVA, "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true", "-cp"),
                argv.subList(0, 5));
    }

    @Test
    void needsVectorModule_asTheLauncher_everywhereButLinuxWithNativeBlas() {
        Map<String, Boolean> cases = Map.of("Linux amd64", false, "Linux aarch64", false, "Linux x86_64", false,
                "Linux ppc64le", true, "Mac OS X aarch64", true, "Mac OS X x86_64", true, "Windows 11 amd64", true);
        cases.forEach((platform, expected) -> {
            int cut = platform.lastIndexOf(' ');
            assertEquals(expected, KernelSpec.needsVectorModule(platform.substring(0, cut),
                    platform.substring(cut + 1)), platform);
        });
    }

    @Test
    void initScript_isOneImportALine_forWhatANotebookUses() {
        String script = new KernelSpec(DIR, "k.jar", "g.jar", false).initScript();
        List<String> lines = script.lines().toList();
        assertEquals(KernelSpec.IMPORTS, lines);
        for (String line : lines) {
            assertTrue(line.startsWith("import ") && line.endsWith(";"), line);
        }
        for (String needed : List.of("import io.github.gradgraph.graph.*;",
                "import static io.github.gradgraph.graph.ops.Ops.*;", "import io.github.gradgraph.nn.*;",
                "import io.github.gradgraph.nn.layers.*;", "import io.github.gradgraph.nn.data.*;",
                "import io.github.gradgraph.nn.optim.*;", "import io.github.gradgraph.notebook.*;",
                "import io.github.gradgraph.notebook.kernel.*;")) {
            assertTrue(lines.contains(needed), needed);
        }
        assertFalse(script.contains("rapaio"), "the kernel imports its own");
    }

    @Test
    void dataDir_followsJupyter() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/x"), JupyterDataDir.resolve(Map.of("JUPYTER_DATA_DIR", "/x"), "Linux", home));
        assertEquals(home.resolve(".local/share/jupyter"), JupyterDataDir.resolve(Map.of(), "Linux", home));
        assertEquals(Path.of("/xdg/jupyter"), JupyterDataDir.resolve(Map.of("XDG_DATA_HOME", "/xdg"), "Linux", home));
        assertEquals(home.resolve("Library/Jupyter"), JupyterDataDir.resolve(Map.of(), "Mac OS X", home));
        assertEquals(Path.of("/appdata", "jupyter"),
                JupyterDataDir.resolve(Map.of("APPDATA", "/appdata"), "Windows 11", home));
    }
}
