package io.github.gradgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Exit codes that tell the truth: 2 before any work for an unwritable output, 3 for a bug, traces only on --debug. */
class ExitCodesTest {
    @TempDir
    Path dir;

    @Test
    void train_unwritableOut_isBadInput_beforeTraining() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        for (String out : new String[] {"/proc/nope", file.resolve("below").toString()}) {
            long t0 = System.nanoTime();
            CliTest.Run r = CliTest.run("train", "--epochs", "100000", "--no-progress", "--out", out);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(Main.BAD_INPUT, r.code(), r.err());
            assertTrue(r.err().startsWith("gradgraph: --out " + out + ": cannot write there"), r.err());
            assertFalse(r.out().contains("Gradient check"), "work started before the output was checked: " + r.out());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
            assertTrue(seconds < 20, "100,000 epochs would take minutes; the check must come first: " + seconds);
        }
    }

    @Test
    void graph_outIntoAFolderThatCannotBeMade_isBadInput() {
        CliTest.Run r = CliTest.run("graph", "--layers", "2,3,1", "--out", "/proc/nope/net.dot");
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("--out /proc/nope/net.dot: cannot write there"), r.err());
    }

    @Test
    void internalError_isExitThree_withAReportRequest_andATraceOnlyWithDebug() {
        CommandLine cl = new CommandLine(new GradgraphCommand());
        for (boolean debug : new boolean[] {false, true}) {
            StringWriter text = new StringWriter();
            int code = Main.report(new NullPointerException("boom"), cl, new PrintWriter(text, true), debug);
            assertEquals(Main.INTERNAL, code);
            assertTrue(text.toString().contains("internal error (a bug in gradgraph; please report it"), text.toString());
            assertEquals(debug, text.toString().contains("\tat "), "stack trace only with --debug: " + text);
        }
        StringWriter text = new StringWriter();
        assertEquals(Main.BAD_INPUT, Main.report(new IllegalArgumentException("--lr must be > 0"), cl,
                new PrintWriter(text, true), false));
        assertEquals(Main.BAD_INPUT, Main.report(new java.io.UncheckedIOException(new IOException("disk full")), cl,
                new PrintWriter(new StringWriter(), true), false));
    }

    @Test
    void anOverflowingLearningRate_isADivergedRun_exitOne_notBadInput() {
        CliTest.Run r = CliTest.run("train", "--optimizer", "gd", "--lr", "1.7e308", "--epochs", "3", "--no-progress",
                "--no-gradcheck", "--out", dir.resolve("o").toString());
        assertEquals(Main.FAILED, r.code(), r.err());
        assertTrue(r.err().startsWith("gradgraph: training stopped at epoch 1, batch "), r.err());
        assertTrue(r.err().strip().endsWith("; try a smaller --lr"), r.err());
        assertTrue(!r.err().contains("CommandLine.java") && r.err().contains("made at "), "the call site is "
                + "gradgraph's own builder, never the command-line framework: " + r.err());
    }

    @Test
    void debug_isAcceptedByEverySubcommand() {
        CliTest.Run r = CliTest.run("derive", "--layers", "2,3,1", "--debug");
        assertEquals(0, r.code(), r.err());
    }
}
