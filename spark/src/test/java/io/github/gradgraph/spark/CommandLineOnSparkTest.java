package io.github.gradgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.nn.io.HistoryCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradgraph train --master local[2]}: the command line with the Spark module beside it (run in this JVM, as
 * the launcher runs it) trains a built-in data set as one machine does, writes what one machine writes, resumes, and
 * reports bad data and bad options in one line.
 */
class CommandLineOnSparkTest {
    @TempDir
    Path dir;

    /** What a command printed and returned. */
    record Run(int code, String out, String err) {
    }

    private static Run gradgraph(String... args) {
        LocalSpark.context(); // the command joins the shared local context, and stops it when done
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = io.github.gradgraph.cli.Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aBuiltInDataSet_trainsAsOnOneMachine_andResumes() {
        List<String> common = List.of("train", "--data", "moons", "--epochs", "6", "--batch-size", "all",
                "--no-progress", "--no-gradcheck");
        Run here = gradgraph(with(common, "--out", dir.resolve("here").toString()));
        Run spark = gradgraph(with(common, "--master", "local[2]", "--partitions", "3", "--out",
                dir.resolve("spark").toString()));
        assertEquals(0, here.code(), here.err());
        assertEquals(0, spark.code(), spark.err());
        assertTrue(spark.out().contains("Training on Spark "), spark.out());
        var a = HistoryCsv.read(dir.resolve("here").resolve("history.csv"));
        var b = HistoryCsv.read(dir.resolve("spark").resolve("history.csv"));
        assertEquals(6, b.size());
        for (int e = 0; e < 6; e++) {
            assertEquals(a.get(e).loss(), b.get(e).loss(), 1e-12 * a.get(e).loss(), "loss of epoch " + (e + 1));
            assertEquals(a.get(e).testLoss(), b.get(e).testLoss(), 1e-12 * a.get(e).testLoss());
            assertEquals(a.get(e).trainAccuracy(), b.get(e).trainAccuracy(), 0.0);
        }

        Run resumed = gradgraph("train", "--resume", dir.resolve("spark").resolve("model.safetensors").toString(),
                "--epochs", "2", "--master", "local[2]", "--no-progress", "--no-gradcheck", "--out",
                dir.resolve("spark").toString());
        assertEquals(0, resumed.code(), resumed.err());
        var c = HistoryCsv.read(dir.resolve("spark").resolve("history.csv"));
        assertEquals(8, c.size(), "the history goes on from the checkpoint");
        assertEquals(8, c.get(7).epoch());

        var checkpoint = io.github.gradgraph.nn.io.Safetensors.load(dir.resolve("spark").resolve("model.safetensors"));
        assertEquals(8, checkpoint.training().epochs(), "the driver's checkpoint: what predict and --resume read");
        assertEquals(List.of("0", "1"), checkpoint.classNames());
    }

    @Test
    void anHdf5FileWithItsTestFile_isReadByTheWorkers_andTrainsAsOnOneMachine() throws Exception {
        String train = Path.of(getClass().getResource("fixtures/images_train.h5").toURI()).toString();
        String test = Path.of(getClass().getResource("fixtures/images_test.h5").toURI()).toString();
        List<String> common = List.of("train", "--data", train, "--x-key", "train_set_x", "--y-key", "train_set_y",
                "--test-data", test, "--scale", "1/255", "--layers", "48,5,1", "--epochs", "4", "--batch-size", "all",
                "--no-progress", "--no-gradcheck");
        Run here = gradgraph(with(common, "--out", dir.resolve("here").toString()));
        Run spark = gradgraph(with(common, "--master", "local[2]", "--out", dir.resolve("spark").toString()));
        assertEquals(0, here.code(), here.err());
        assertEquals(0, spark.code(), spark.err());
        assertTrue(spark.out().contains("60 train / 20 test from images_test.h5"), spark.out());
        var a = HistoryCsv.read(dir.resolve("here").resolve("history.csv"));
        var b = HistoryCsv.read(dir.resolve("spark").resolve("history.csv"));
        for (int e = 0; e < 4; e++) {
            assertEquals(a.get(e).loss(), b.get(e).loss(), 1e-12 * a.get(e).loss(), "loss of epoch " + (e + 1));
            assertEquals(a.get(e).testLoss(), b.get(e).testLoss(), 1e-12 * a.get(e).testLoss());
            assertEquals(a.get(e).testAccuracy(), b.get(e).testAccuracy(), 0.0);
        }
    }

    @Test
    void aConvolutionalNetOverHdf5Images_isReadByTheWorkers_andTrainsAsOnOneMachine() throws Exception {
        String train = Path.of(getClass().getResource("fixtures/images_train.h5").toURI()).toString();
        String test = Path.of(getClass().getResource("fixtures/images_test.h5").toURI()).toString();
        List<String> common = List.of("train", "--data", train, "--x-key", "train_set_x", "--y-key", "train_set_y",
                "--test-data", test, "--scale", "1/255", "--layers", "4x4x3, conv3x3x4 same, maxpool2, conv2x2x3, 1",
                "--activation", "relu", "--optimizer", "adam", "--lr", "0.01", "--epochs", "4", "--batch-size", "all",
                "--no-progress", "--no-gradcheck");
        Run here = gradgraph(with(common, "--out", dir.resolve("here").toString()));
        Run spark = gradgraph(with(common, "--master", "local[2]", "--partitions", "3", "--out",
                dir.resolve("spark").toString()));
        assertEquals(0, here.code(), here.err());
        assertEquals(0, spark.code(), spark.err());
        assertTrue(spark.out().contains("Training on Spark "), spark.out());
        var a = HistoryCsv.read(dir.resolve("here").resolve("history.csv"));
        var b = HistoryCsv.read(dir.resolve("spark").resolve("history.csv"));
        assertEquals(4, b.size());
        for (int e = 0; e < 4; e++) {
            assertEquals(a.get(e).loss(), b.get(e).loss(), 1e-9 * a.get(e).loss(), "loss of epoch " + (e + 1));
            assertEquals(a.get(e).testLoss(), b.get(e).testLoss(), 1e-9 * a.get(e).testLoss());
            assertEquals(a.get(e).testAccuracy(), b.get(e).testAccuracy(), 0.0);
        }
        var one = io.github.gradgraph.nn.io.Safetensors.load(dir.resolve("here").resolve("model.safetensors"));
        var cluster = io.github.gradgraph.nn.io.Safetensors.load(dir.resolve("spark").resolve("model.safetensors"));
        assertEquals(one.spec(), cluster.spec());
        for (String name : List.of("W1", "b1", "W2", "b2", "W3", "b3")) {
            double[] want = one.params().get(name).data;
            double[] got = cluster.params().get(name).data;
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-9 * (1 + Math.abs(want[i])), name + "[" + i + "]");
            }
        }
    }

    @Test
    void badDataAndOptions_areOneLineWithoutAStackTrace() throws IOException {
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        for (int j = 0; j < 30; j++) {
            csv.append(j == 21 ? "1,zwei,0\n" : j + "," + (j % 3) + "," + (j % 2) + "\n");
        }
        Path file = Files.writeString(dir.resolve("bad.csv"), csv);
        Run bad = gradgraph("train", "--data", file.toString(), "--master", "local[2]", "--epochs", "2",
                "--no-progress", "--out", dir.resolve("out").toString());
        assertEquals(2, bad.code(), bad.err());
        assertEquals("gradgraph: " + file + " line 23, column 2 ('x2'): 'zwei' is not a finite number (see "
                + "'gradgraph train --help')", bad.err().strip());

        Run partitions = gradgraph("train", "--partitions", "4", "--epochs", "1");
        assertEquals(2, partitions.code());
        assertEquals("gradgraph: --partitions applies to training on a cluster; give --master too (see "
                + "'gradgraph train --help')", partitions.err().strip());

        Run master = gradgraph("train", "--master", "spark:/oops", "--epochs", "1");
        assertEquals(2, master.code());
        assertTrue(master.err().startsWith("gradgraph: 'spark:/oops' is not a Spark master"), master.err());
        for (Run r : new Run[] {bad, partitions, master}) {
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }

    private static String[] with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
