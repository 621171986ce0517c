package io.github.gradgraph.cli;

import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.nn.TrainingException;
import io.github.gradgraph.nn.cluster.ClusterException;
import io.github.gradgraph.nn.data.DataException;
import io.github.gradgraph.nn.io.CheckpointException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The {@code gradgraph} command. Exit codes: 0 success; 1 the run failed on its own terms (a failed gradient check, a
 * training run that diverged); 2 bad input (an option, a file, a data set, an output path that cannot be written),
 * reported in one line on stderr; 3 an internal error — a bug in gradgraph, reported in one line that asks for a
 * report, with the stack trace only under {@code --debug}.
 */
public final class Main {
    /** Exit code of a check that failed or a run that could not finish. */
    public static final int FAILED = 1;
    /** Exit code of bad input: an option, a file, a data set. */
    public static final int BAD_INPUT = 2;
    /** Exit code of an internal error: a bug. */
    public static final int INTERNAL = 3;

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
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        CommandLine cli = new CommandLine(new GradgraphCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("gradgraph: " + e.getMessage() + hint(e.getCommandLine()));
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> report(e, commandLine, err, debug));
        try {
            return cli.execute(args);
        } catch (StackOverflowError e) { // the last resort: every input is meant to be bounded before it gets here
            if (debug) {
                e.printStackTrace(err);
            }
            err.println(TOO_DEEP);
            return BAD_INPUT;
        }
    }

    /** The one line a stack overflow becomes: an input nested past what any check caught. */
    static final String TOO_DEEP = "gradgraph: the input is nested too deeply to process (thousands of levels); "
            + "split it up, or name intermediate results in a formula";

    /** @return the exit code of a command that threw {@code e}, having told the user on {@code err} */
    static int report(Exception e, CommandLine commandLine, PrintWriter err, boolean debug) {
        if (debug) {
            e.printStackTrace(err);
        }
        if (e.getCause() instanceof StackOverflowError) {
            err.println(TOO_DEEP);
            return BAD_INPUT;
        }
        if (e instanceof TrainingException) {
            String advice = "try a smaller --lr" + (commandLine.getParseResult().hasMatchedOption("--save-every")
                    ? ", or --resume from the last checkpoint" : "");
            err.println("gradgraph: " + e.getMessage().replace("a smaller learning rate may help", advice));
            return FAILED;
        }
        if (e instanceof ClusterException) {
            err.println("gradgraph: " + e.getMessage() + " (the cluster's own logs say more; --debug shows its "
                    + "report)");
            return FAILED;
        }
        if (isBadInput(e)) {
            err.println("gradgraph: " + e.getMessage() + hint(commandLine));
            return BAD_INPUT;
        }
        err.println("gradgraph: internal error (a bug in gradgraph; please report it with the command line"
                + (debug ? " and the stack trace above" : ", rerun with --debug for the stack trace") + "): " + e);
        return INTERNAL;
    }

    /** @return true for the exceptions that mean the user's input was wrong, not gradgraph */
    static boolean isBadInput(Exception e) {
        return e instanceof IllegalArgumentException || e instanceof DataException
                || e instanceof CheckpointException || e instanceof GraphException
                || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException;
    }

    private static String hint(CommandLine cl) {
        return " (see '" + cl.getCommandSpec().qualifiedName() + " --help')";
    }
}
