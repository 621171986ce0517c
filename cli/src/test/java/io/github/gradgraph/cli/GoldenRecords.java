package io.github.gradgraph.cli;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.nn.EpochStats;
import io.github.gradgraph.nn.io.Checkpoint;
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
 * Golden records of the command line, as nn's {@code Golden} keeps them for the library (test classes are not shared
 * between modules, so the few lines of the format are repeated here): text under
 * {@code src/test/resources/io/github/gradgraph/cli/golden/}, comment lines starting with {@code #}, numbers that
 * read back to the same double, compared by their bits. They are rewritten only with
 * {@code -Dgradgraph.golden.record=true}, and that only when a change of behaviour is intended.
 */
final class GoldenRecords {
    static final String RECORD_PROPERTY = "gradgraph.golden.record";
    /** Where the records live in this module's sources, relative to the module's folder (surefire's working folder). */
    static final Path SOURCE_FOLDER = Path.of("src", "test", "resources", "io", "github", "gradgraph", "cli", "golden");
    /** The epoch columns compared: {@code history.csv}'s without its seconds. */
    static final List<String> COLUMNS = List.of("loss", "train_accuracy", "test_loss", "test_accuracy", "lr",
            "grad_norm", "validation_loss", "validation_accuracy");

    private GoldenRecords() {
    }

    static boolean recording() {
        return Boolean.getBoolean(RECORD_PROPERTY);
    }

    static List<String> header(String what) {
        return List.of(
                "# Golden record: " + what + ".",
                "# Made by GoldenCliTest with Java " + System.getProperty("java.version") + " on "
                        + System.getProperty("os.arch") + "; the run's products use EJML.",
                "# Do not edit. Regenerate only when a change of behaviour is intended "
                        + "(a refactoring must pass as is):",
                "#   mvn -B -o -pl cli -am test -Dtest=GoldenCliTest -Dsurefire.failIfNoSpecifiedTests=false -D"
                        + RECORD_PROPERTY + "=true",
                "# Numbers read back to the same double (Double.toString, or hex); they are compared bit for bit.");
    }

    static String number(double x) {
        String s = Double.toString(x);
        return Double.doubleToRawLongBits(Double.parseDouble(s)) == Double.doubleToRawLongBits(x) ? s
                : Double.toHexString(x);
    }

    static double parse(String s) {
        return Double.parseDouble(s);
    }

    static String show(double x) {
        return x + " (" + Double.toHexString(x) + ")";
    }

    static boolean same(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }

    static Path sourceFile(String name) {
        if (!Files.isDirectory(SOURCE_FOLDER)) {
            fail("recording needs the module's folder as the working folder (surefire's default); " + SOURCE_FOLDER
                    + " is not there from " + Path.of("").toAbsolutePath());
        }
        return SOURCE_FOLDER.resolve(name);
    }

    /** @return a committed file: on the test classpath, or while recording, in the sources */
    static Path committed(String name) {
        if (recording()) {
            return sourceFile(name);
        }
        java.net.URL url = GoldenRecords.class.getResource("golden/" + name);
        if (url == null) {
            fail("no golden file " + name + " on the test classpath; it is recorded with -D" + RECORD_PROPERTY
                    + "=true, and only when a change of behaviour is intended");
        }
        try {
            return Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(String name, List<String> lines) {
        try {
            Files.writeString(sourceFile(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("recorded golden " + SOURCE_FOLDER.resolve(name));
    }

    /** @return a record's lines, comments and blank lines left out */
    static List<String> read(String name) {
        try (InputStream in = Files.newInputStream(committed(name))) {
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

    static List<String> section(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix + " ")).toList();
    }

    static String line(List<String> lines, String prefix) {
        List<String> s = section(lines, prefix);
        if (s.isEmpty()) {
            fail("the record has no line " + prefix);
        }
        return s.get(0);
    }

    /** @return one line per epoch: its number, then {@link #COLUMNS} */
    static List<String> epochLines(List<EpochStats> epochs) {
        List<String> lines = new ArrayList<>();
        for (EpochStats e : epochs) {
            StringBuilder line = new StringBuilder("epoch " + e.epoch());
            for (double v : values(e)) {
                line.append(' ').append(number(v));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    static double[] values(EpochStats e) {
        return new double[] {e.loss(), e.trainAccuracy(), e.testLoss(), e.testAccuracy(), e.lr(), e.gradNorm(),
            e.validationLoss(), e.validationAccuracy()};
    }

    /** Compares epochs with the recorded {@code epoch} lines, naming the run, epoch and column of a difference. */
    static void assertEpochs(String where, List<String> recorded, List<EpochStats> now) {
        if (recorded.size() != now.size()) {
            fail(where + ": recorded " + recorded.size() + " epochs, now " + now.size());
        }
        for (int e = 0; e < recorded.size(); e++) {
            String[] cells = recorded.get(e).split(" ");
            if (Integer.parseInt(cells[1]) != now.get(e).epoch()) {
                fail(where + ": row " + (e + 1) + " was epoch " + cells[1] + ", now " + now.get(e).epoch());
            }
            double[] values = values(now.get(e));
            for (int c = 0; c < COLUMNS.size(); c++) {
                double then = parse(cells[2 + c]);
                if (!same(then, values[c])) {
                    fail(where + ", epoch " + cells[1] + ", " + COLUMNS.get(c) + ": recorded " + show(then) + ", now "
                            + show(values[c]));
                }
            }
        }
    }

    /** @return {@code "param <name> <rows>x<cols> v…"} for every tensor of the checkpoint's network, in order */
    static List<String> parameterLines(Checkpoint c) {
        List<String> lines = new ArrayList<>();
        for (Node p : c.network().stored()) {
            DMatrixRMaj v = c.params().get(p.label());
            StringBuilder line = new StringBuilder("param " + p.label() + " " + v.numRows + "x" + v.numCols);
            for (int i = 0; i < v.getNumElements(); i++) {
                line.append(' ').append(number(v.data[i]));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Compares a checkpoint's tensors (names, shapes, order, bits) with the recorded {@code param} lines. */
    static void assertParameters(String where, List<String> recorded, Checkpoint c) {
        List<String> now = parameterLines(c);
        List<String> namesThen = recorded.stream().map(l -> l.split(" ", 4)[1] + " " + l.split(" ", 4)[2]).toList();
        List<String> namesNow = now.stream().map(l -> l.split(" ", 4)[1] + " " + l.split(" ", 4)[2]).toList();
        if (!namesThen.equals(namesNow)) {
            fail(where + ": the stored tensors (name, shape, in order) were " + namesThen + ", now " + namesNow);
        }
        for (int t = 0; t < recorded.size(); t++) {
            String[] then = recorded.get(t).split(" ");
            String[] current = now.get(t).split(" ");
            for (int i = 3; i < then.length; i++) {
                if (!same(parse(then[i]), parse(current[i]))) {
                    int cols = Integer.parseInt(then[2].split("x")[1]);
                    fail(where + ": parameter " + then[1] + " (" + then[2] + ") at row " + (i - 3) / cols
                            + ", column " + (i - 3) % cols + ": recorded " + show(parse(then[i])) + ", now "
                            + show(parse(current[i])));
                }
            }
        }
    }
}
