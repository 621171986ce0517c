package io.github.gradgraph.cli;

import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.nn.TrainingException;
import io.github.gradgraph.nn.data.DataException;
import io.github.gradgraph.nn.io.CheckpointException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The {@code gradgraph} command. Exit codes: 0 success; 1 a failed gradient check or a training run that diverged;
 * 2 a bad option, file or data set, reported in one line on stderr.
 */
public final class Main {
    /** Exit code of a check that failed or a run that could not finish. */
    public static final int FAILED = 1;
    /** Exit code of bad input: an option, a file, a data set. */
    public static final int BAD_INPUT = 2;

    private Main() {
    }

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Runs the command without exiting, for tests and embedding.
     *
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new GradgraphCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("gradgraph: " + e.getMessage() + hint(e.getCommandLine()));
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof TrainingException) {
                err.println("gradgraph: " + e.getMessage());
                return FAILED;
            }
            if (e instanceof IllegalArgumentException || e instanceof DataException
                    || e instanceof CheckpointException || e instanceof GraphException) {
                err.println("gradgraph: " + e.getMessage() + hint(commandLine));
                return BAD_INPUT;
            }
            err.println("gradgraph: internal error: " + e);
            e.printStackTrace(err);
            return FAILED;
        });
        return cli.execute(args);
    }

    private static String hint(CommandLine cl) {
        return " (see '" + cl.getCommandSpec().qualifiedName() + " --help')";
    }
}
