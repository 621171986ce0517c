package io.github.gradgraph.notebook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.notebook.Commands;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The real kernel, installed by {@code ./gradgraph notebook --kernel-dir}, runs a notebook through
 * {@code jupyter nbconvert --execute}: gradgraph's imports compile, a cell's gradgraph value shows with every MIME
 * type (so the kernel found the display provider in gradgraph's jar), {@code Jupyter.show} and an update in place
 * reach the notebook. Skipped without Jupyter's nbconvert or without the packaged jars, unless
 * {@code -Dgradgraph.notebooks.required=true}.
 */
class NotebookExecutionIT {
    private static final Set<String> ALL = new TreeSet<>(Set.of("text/plain", "text/latex", "text/html",
            "image/svg+xml", "image/png"));
    private static final String STAND_IN = "Displayable d = () -> new Rich(new java.util.LinkedHashMap<>(Map.of("
            + "\"text/plain\", \"plain d\", \"text/html\", \"<b>d</b>\", \"text/latex\", \"$d$\", "
            + "\"image/svg+xml\", \"<svg xmlns='http://www.w3.org/2000/svg'/>\", \"image/png\", \"iVBORw0KGgo=\")));";

    @TempDir
    Path tmp;

    private static void require(boolean present, String what) {
        if (!present && Boolean.getBoolean("gradgraph.notebooks.required")) {
            fail(what + " (gradgraph.notebooks.required is set)");
        }
        assumeTrue(present, what);
    }

    @Test
    void aNotebook_runsOnTheInstalledKernel_withRichOutputs() throws Exception {
        Executables path = Executables.ofSystem();
        require(path.find("jupyter").isPresent() && path.find("jupyter-nbconvert").isPresent(),
                "jupyter nbconvert is not on PATH");
        Path notebookJar = Path.of(System.getProperty("gradgraph.notebook.jar", "target/gradgraph-notebook.jar"));
        Path kernelDir = Path.of(System.getProperty("gradgraph.kernel.dir", "target/kernel"));
        require(Files.isRegularFile(notebookJar) && Files.isDirectory(kernelDir),
                "the packaged jars are missing: " + notebookJar + " (run mvn package first)");
        Path kernelJar;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(kernelDir, "rapaio-jupyter-kernel-*.jar")) {
            kernelJar = jars.iterator().next();
        }

        Path data = tmp.resolve("jd");
        NotebookCommand command = new NotebookCommand();
        assertEquals(0, new CommandLine(command).execute("--kernel-dir", data.toString(), "--no-start",
                "--kernel-jar", kernelJar.toString(), "--notebook-jar", notebookJar.toString()));

        List<String> cells = List.of(
                "1+1",
                "Graph g = new Graph();\nNode W = g.parameter(\"W\", 2, 3);\nNode X = g.input(\"X\", 3, Dim.M);\n"
                        + "Node Z = tanh(matmul(W, X));\nZ",
                STAND_IN + "\nd",
                "Jupyter.show(d);",
                "String id = Jupyter.display(Rich.of(\"text/html\", \"<i>step 0</i>\", \"step 0\"));\n"
                        + "Jupyter.update(id, Rich.of(\"text/html\", \"<i>step 1</i>\", \"step 1\"));",
                // the provider the kernel loaded is the class a cell sees, from the same loader
                "var f = displaySystem().getClass().getDeclaredField(\"spiDisplayTransformers\");\n"
                        + "f.setAccessible(true);\n"
                        + "((List<?>) f.get(displaySystem())).stream().anyMatch(t -> t.getClass().getName()"
                        + ".equals(\"io.github.gradgraph.notebook.kernel.ShowTransformer\") && t.getClass()"
                        + ".getClassLoader() == Show.class.getClassLoader() && Displayable.class.getClassLoader() "
                        + "== Show.class.getClassLoader())",
                "List.of(Shape.class, DMatrixRMaj.class, Autodiff.class, GradientChecker.class, Compiler.class, "
                        + "Derivation.class, Formula.class, Trainer.class, DenseLayer.class, Dataset.class, "
                        + "GradientDescent.class, Show.class, Jupyter.class).size()");
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode nb = mapper.createObjectNode();
        ArrayNode cellNodes = nb.putArray("cells");
        for (String source : cells) {
            ObjectNode c = cellNodes.addObject();
            c.put("cell_type", "code");
            c.putNull("execution_count");
            c.putObject("metadata");
            c.putArray("outputs");
            c.put("source", source);
        }
        ObjectNode spec = nb.putObject("metadata").putObject("kernelspec");
        spec.put("name", "gradgraph");
        spec.put("display_name", "Java (gradgraph)");
        spec.put("language", "java");
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 5);
        Path in = tmp.resolve("x.ipynb");
        Path out = tmp.resolve("out.ipynb");
        mapper.writeValue(in.toFile(), nb);

        long start = System.nanoTime();
        Commands.Ran ran = Commands.run(List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=gradgraph", "--ExecutePreprocessor.timeout=120",
                in.toString(), "--output", out.toString()), null, Map.of(
                        "JUPYTER_PATH", data.toAbsolutePath().toString(),
                        "JUPYTER_DATA_DIR", tmp.resolve("jupyter-data").toString()), // not the user's
                5 * 60);
        assertEquals(0, ran.exit(), ran.output());
        System.out.printf("the notebook ran in %.1f s (nbconvert, kernel start and %d cells)%n",
                (System.nanoTime() - start) / 1e9, cells.size());

        JsonNode cellsOut = mapper.readTree(out.toFile()).get("cells");
        assertEquals("2", text(only(cellsOut.get(0), "execute_result")));
        assertTrue(text(only(cellsOut.get(1), "execute_result")).contains("tanh"), cellsOut.get(1).toString());
        assertEquals(ALL, mimes(only(cellsOut.get(2), "execute_result")), "a cell's value, through the provider");
        JsonNode shown = only(cellsOut.get(3), "display_data");
        assertEquals(ALL, mimes(shown));
        assertEquals("<b>d</b>", join(shown.get("data").get("text/html")));
        JsonNode updated = only(cellsOut.get(4), "display_data");
        assertEquals("step 1", join(updated.get("data").get("text/plain")), "replaced in place, not added");
        assertEquals("true", text(only(cellsOut.get(5), "execute_result")));
        assertEquals("13", text(only(cellsOut.get(6), "execute_result")));
    }

    private static JsonNode only(JsonNode cell, String type) {
        JsonNode outputs = cell.get("outputs");
        assertEquals(1, outputs.size(), cell.toString());
        assertEquals(type, outputs.get(0).get("output_type").asText(), cell.toString());
        return outputs.get(0);
    }

    private static Set<String> mimes(JsonNode output) {
        Set<String> keys = new TreeSet<>();
        output.get("data").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** @return the output's text: text/plain, else the kernel's text/html of a plain value */
    private static String text(JsonNode output) {
        JsonNode data = output.get("data");
        return join(data.has("text/plain") ? data.get("text/plain") : data.get("text/html")).strip();
    }

    private static String join(JsonNode lines) {
        if (lines.isTextual()) {
            return lines.asText();
        }
        List<String> parts = new ArrayList<>();
        lines.forEach(l -> parts.add(l.asText()));
        return String.join("", parts);
    }
}
