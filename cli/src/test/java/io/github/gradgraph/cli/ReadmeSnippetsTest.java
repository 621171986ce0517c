package io.github.gradgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.expr.FormulaFunctions;
import io.github.gradgraph.nn.io.HistoryCsv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java compiles as printed, against the jars of every module cli depends on. A ```java block is a
 * compilation unit as it stands, unless the line before it marks it {@code <!-- fragment -->} or
 * {@code <!-- fragment: PARAMETERS -->}: a fragment is compiled as the body of a method with those parameters, its
 * leading import lines hoisted, in a class that imports gradgraph's public packages. Fragments without parameters and
 * classes with a main method are run too, and what they print checked against the README.
 */
class ReadmeSnippetsTest {
    private static final Pattern BLOCK = Pattern.compile("(?:<!-- (fragment[^\\n]*?) -->\\n)?```java\\n(.*?)```\\n",
            Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile(
            "^(public )?(final )?(class|record|interface|enum) (\\w+)", Pattern.MULTILINE);
    private static final List<String> FRAGMENT_IMPORTS = List.of("static io.github.gradgraph.graph.ops.Ops.*",
            "io.github.gradgraph.core.*", "io.github.gradgraph.graph.*", "io.github.gradgraph.graph.autodiff.*",
            "io.github.gradgraph.graph.check.*", "io.github.gradgraph.graph.exec.*", "io.github.gradgraph.graph.expr.*",
            "io.github.gradgraph.graph.ops.*", "io.github.gradgraph.nn.*", "io.github.gradgraph.nn.data.*",
            "io.github.gradgraph.nn.optim.*", "java.util.List", "java.util.Map",
            "io.github.gradgraph.graph.exec.Compiler", // not java.lang.Compiler, which a wildcard cannot shadow
            "org.ejml.data.DMatrixRMaj");

    @TempDir
    Path dir;

    private static String readme() throws IOException {
        return Files.readString(Path.of("..", "README.md"));
    }

    /** One ```java block made into a source file. */
    private record Source(String className, String text, boolean runnable) {
    }

    private static List<Source> sources(String readme, List<String> skipped) {
        List<Source> sources = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        int n = 0;
        while (m.find()) {
            n++;
            String marker = m.group(1);
            String code = m.group(2);
            if (marker != null && marker.contains("not compiled")) {
                skipped.add(marker);
            } else if (marker != null) {
                String params = marker.startsWith("fragment:") ? marker.substring("fragment:".length()).strip() : "";
                StringBuilder imports = new StringBuilder();
                FRAGMENT_IMPORTS.forEach(i -> imports.append("import ").append(i).append(";\n"));
                StringBuilder body = new StringBuilder();
                for (String line : code.split("\n", -1)) {
                    (line.startsWith("import ") ? imports : body).append(line).append('\n');
                }
                String name = "Fragment" + n;
                sources.add(new Source(name, imports + "class " + name + " {\n    static void run(" + params
                        + ") throws Exception {\n" + body + "    }\n}\n", params.isEmpty()));
            } else {
                Matcher type = TYPE.matcher(code);
                assertTrue(type.find(), "README block " + n + " is neither a type nor marked a fragment:\n" + code);
                sources.add(new Source(type.group(4), code, code.contains("public static void main(String[] args)")));
            }
        }
        return sources;
    }

    @Test
    void everyJavaBlock_compilesAsPrinted_andTheRunnableOnesPrintWhatTheReadmeSays() throws Exception {
        String readme = readme();
        List<String> skipped = new ArrayList<>();
        List<Source> sources = sources(readme, skipped);
        assertEquals(List.of("fragment, not compiled by the cli module's tests: it needs the spark module"), skipped);
        assertTrue(sources.size() >= 6, "only " + sources.size() + " blocks found");
        List<Path> files = new ArrayList<>();
        for (Source s : sources) {
            files.add(Files.writeString(dir.resolve(s.className() + ".java"), s.text()));
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fm, diagnostics, List.of("-classpath",
                    System.getProperty("java.class.path"), "-d", classes.toString(), "--release", "17", "-encoding",
                    "UTF-8", "-Xlint:none"), null, fm.getJavaFileObjectsFromPaths(files)).call();
            StringBuilder report = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                report.append(d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName())
                        .append(':').append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT))
                        .append('\n');
            }
            assertTrue(ok && diagnostics.getDiagnostics().isEmpty(), report.toString());
        }
        List<String> printed = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            for (Source s : sources) {
                if (s.runnable()) {
                    printed.add(run(loader.loadClass(s.className())));
                }
            }
        } finally {
            FormulaFunctions.unregister("swish_beta");
        }
        assertEquals(3, printed.size(), printed.toString());
        String all = String.join("", printed);
        Matcher loop = Pattern.compile("^J = ([0-9.E-]+)$", Pattern.MULTILINE).matcher(printed.get(0));
        assertTrue(loop.find() && Double.parseDouble(loop.group(1)) < 0.2, printed.get(0));
        assertTrue(all.contains("primitive check of swish_beta passed"), all);
        // The README shows the trained β's run; the same numbers to well within the products' rounding.
        Matcher shown = Pattern.compile("\nJ = ([0-9.E-]+), β = ([0-9.E-]+)\n").matcher(readme);
        Matcher got = Pattern.compile("J = ([0-9.E-]+), β = ([0-9.E-]+)").matcher(all);
        assertTrue(shown.find() && got.find(), all);
        for (int k = 1; k <= 2; k++) {
            double expected = Double.parseDouble(shown.group(k));
            assertEquals(expected, Double.parseDouble(got.group(k)), 1e-9 * Math.abs(expected), all);
        }
    }

    private static String run(Class<?> c) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Method m = c.getDeclaredMethods()[0].getName().equals("main") ? c.getMethod("main", String[].class)
                    : c.getDeclaredMethod("run");
            m.setAccessible(true);
            m.invoke(null, m.getParameterCount() == 1 ? new Object[] {new String[0]} : new Object[0]);
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theHistoryHeaderShown_isTheOneWritten() throws IOException {
        String readme = readme();
        Matcher shown = Pattern.compile("\n\\s*(epoch,loss,[a-z_,]*)\n").matcher(readme);
        int n = 0;
        while (shown.find()) {
            assertEquals(String.join(",", HistoryCsv.HEADER), shown.group(1));
            n++;
        }
        assertTrue(n >= 1, "the README shows no history.csv header");
    }
}
