package io.github.gradgraph.cli;

import picocli.CommandLine.Command;

/** The top-level command: its subcommands do the work. */
@Command(name = "gradgraph", mixinStandardHelpOptions = true, version = "gradgraph 0.1.0",
        description = "Symbolic reverse-mode autodiff: train the classic deep network and check its derived gradients.",
        subcommands = {TrainCommand.class, GradcheckCommand.class, PredictCommand.class, DeriveCommand.class,
            EvalCommand.class, GraphCommand.class, BenchCommand.class, LmCommand.class, SampleCommand.class},
        footer = {"", "  serve      The playground in the browser: type a loss J, see its derivation, graph and gradient",
            "               check, and watch the network learn (./gradgraph serve [--port N] [--host H]).",
            "  notebook   Jupyter with gradgraph: installs the kernel \"Java (gradgraph)\" and starts the notebook."})
public final class GradgraphCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Read by {@link Main} before parsing; declared here so that every subcommand accepts it. */
    @picocli.CommandLine.Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "On an internal error, print the stack trace.")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
