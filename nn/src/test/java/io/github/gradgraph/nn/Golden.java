package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.gradgraph.core.EjmlGemm;
import io.github.gradgraph.core.Gemm;
import io.github.gradgraph.core.MatMul;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Golden records: numbers taken from the code as it was when they were recorded, which later code must reproduce bit
 * for bit. A record is a text file under {@code src/test/resources/io/github/gradgraph/nn/golden/}: comment lines
 * starting with {@code #}, then lines of space-separated fields. Every number is written so that it reads back to
 * the same double ({@link Double#toString} when that round-trips, else {@link Double#toHexString}) and is compared by
 * its bits, so −0.0 ≠ 0.0 and a NaN is a NaN.
 *
 * <p>Records are rewritten only when {@code -Dgradgraph.golden.record=true} is set, and that is done only when a
 * change of behaviour is intended; a refactoring must pass against the records as they are.
 *
 * <p>Every golden run uses EJML's products ({@link #pinGemm}): the default native OpenBLAS picks its kernels by CPU, so
 * its last bits may differ between machines; EJML's plain Java loops give the same bits on any x86-64 JVM. (The JDK's
 * {@code Math.exp}, {@code log} and {@code tanh} are allowed 1 ulp of freedom per platform, so the records hold for the
 * platform they were made on; they name it.)
 */
final class Golden {
    /** The system property that rewrites the records. */
    static final String RECORD_PROPERTY = "gradgraph.golden.record";
    /** Where the records live in this module's sources, relative to the module's folder (surefire's working folder). */
    static final Path SOURCE_FOLDER = Path.of("src", "test", "resources", "io", "github", "gradgraph", "nn", "golden");

    private Golden() {
    }

    /** @return whether this run rewrites the records instead of only checking them */
    static boolean recording() {
        return Boolean.getBoolean(RECORD_PROPERTY);
    }

    /** @return the first comment lines of every record: what it is and how (and when) to regenerate it */
    static List<String> header(String what, String testClass) {
        return List.of(
                "# Golden record: " + what + ".",
                "# Made by " + testClass + " with " + platform() + "; the run's products use EJML.",
                "# Do not edit. Regenerate only when a change of behaviour is intended "
                        + "(a refactoring must pass as is):",
                "#   mvn -B -o -pl <module> -am test -Dtest=" + testClass + " -Dsurefire.failIfNoSpecifiedTests=false "
                        + "-D" + RECORD_PROPERTY + "=true",
                "# Numbers read back to the same double (Double.toString, or hex); they are compared bit for bit.");
    }

    static String platform() {
        return "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.arch");
    }

    /**
     * Makes every later product use EJML.
     *
     * @return the backend before, for {@link MatMul#setBackend} afterwards
     */
    static Gemm pinGemm() {
        Gemm before = MatMul.backend();
        MatMul.setBackend(new EjmlGemm());
        return before;
    }

    /** @return {@code x} as text that {@link Double#parseDouble} reads back to the same bits */
    static String number(double x) {
        String s = Double.toString(x);
        return Double.doubleToRawLongBits(Double.parseDouble(s)) == Double.doubleToRawLongBits(x) ? s
                : Double.toHexString(x);
    }

    /** @return a number written by {@link #number} */
    static double parse(String s) {
        return Double.parseDouble(s);
    }

    /** @return {@code x} for a message: its decimal and its exact hex form */
    static String show(double x) {
        return Double.toString(x) + " (" + Double.toHexString(x) + ")";
    }

    /** @return whether two doubles have the same bits */
    static boolean same(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }

    /**
     * @param name a record's file name in the golden folder
     * @return its lines, comments and blank lines left out: from the test classpath, or while recording from the
     *     sources just written
     */
    static List<String> read(Class<?> near, String name) {
        // while recording, the copy on the classpath is the one from before this run
        try (InputStream in = recording() ? Files.newInputStream(sourceFile(name))
                : near.getResourceAsStream("/io/github/gradgraph/nn/golden/" + name)) {
            if (in == null) {
                fail("no golden record " + name + " on the test classpath; it is recorded with -D" + RECORD_PROPERTY
                        + "=true, and only when a change of behaviour is intended");
            }
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the path of a record in this module's sources, for rewriting it */
    static Path sourceFile(String name) {
        if (!Files.isDirectory(SOURCE_FOLDER)) {
            fail("recording needs the module's folder as the working folder (surefire's default); " + SOURCE_FOLDER
                    + " is not there from " + Path.of("").toAbsolutePath());
        }
        return SOURCE_FOLDER.resolve(name);
    }

    /** Writes a record into this module's sources. */
    static void write(String name, List<String> lines) {
        try {
            Files.writeString(sourceFile(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("recorded golden " + SOURCE_FOLDER.resolve(name));
    }

    /** @return lines {@code "param <name> <rows>x<cols> v…"}, one per tensor a checkpoint keeps, in that order */
    static List<String> parameterLines(Network net, ParameterStore store) {
        List<String> lines = new ArrayList<>();
        for (Node p : net.stored()) {
            DMatrixRMaj v = store.get(p);
            StringBuilder line = new StringBuilder("param " + p.label() + " " + v.numRows + "x" + v.numCols);
            for (int i = 0; i < v.getNumElements(); i++) {
                line.append(' ').append(number(v.data[i]));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * Compares the tensors a checkpoint keeps with the recorded {@code param} lines: the same names in the same
     * order, the same shapes and the same bits.
     *
     * @param where the run, for the message
     */
    static void assertParameters(String where, List<String> recorded, Network net, ParameterStore store) {
        List<String> now = parameterLines(net, store);
        List<String> namesThen = recorded.stream().map(l -> l.split(" ", 4)[1] + " " + l.split(" ", 4)[2]).toList();
        List<String> namesNow = now.stream().map(l -> l.split(" ", 4)[1] + " " + l.split(" ", 4)[2]).toList();
        if (!namesThen.equals(namesNow)) {
            fail(where + ": the stored tensors (name, shape, in order) were " + namesThen + ", now " + namesNow);
        }
        for (int t = 0; t < recorded.size(); t++) {
            String[] then = recorded.get(t).split(" ");
            String[] current = now.get(t).split(" ");
            int differ = 0;
            int first = -1;
            for (int i = 3; i < then.length; i++) {
                if (!same(parse(then[i]), parse(current[i]))) {
                    differ++;
                    first = first < 0 ? i : first;
                }
            }
            if (differ > 0) {
                int cols = Integer.parseInt(then[2].split("x")[1]);
                int at = first - 3;
                fail(where + ": parameter " + then[1] + " (" + then[2] + ") differs in " + differ + " of "
                        + (then.length - 3) + " values; the first at row " + at / cols + ", column " + at % cols
                        + ": recorded " + show(parse(then[first])) + ", now " + show(parse(current[first])));
            }
        }
    }

    /** @return the lines of {@code lines} that start with {@code prefix} and a space */
    static List<String> section(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix + " ")).toList();
    }
}
