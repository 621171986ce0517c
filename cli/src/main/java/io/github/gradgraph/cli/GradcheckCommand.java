package io.github.gradgraph.cli;

import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.nn.io.GradCheckJson;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradgraph gradcheck}: the derived gradients of a fresh network against central differences. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Check the derived dW[l], db[l] of a freshly initialized network against central finite "
                + "differences; exit code 1 when a check fails.")
public final class GradcheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Option(names = "--eps", defaultValue = "1e-6", description = "Finite-difference step. Default: ${DEFAULT-VALUE}.")
    double eps;

    @Option(names = "--max-entries", paramLabel = "N", defaultValue = "1000", description = "Check at most N "
            + "randomly chosen entries of each parameter, so that wide networks are checked in minutes, not hours "
            + "(0: every entry). Default: ${DEFAULT-VALUE}.")
    int maxEntries;

    @Option(names = "--json", description = "Print the per-parameter results as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("--eps must be > 0, got " + eps);
        }
        if (maxEntries < 0) {
            throw new IllegalArgumentException("--max-entries must be 0 (all) or more, got " + maxEntries);
        }
        Experiment e = new Experiment(data, network);
        GradCheckReport report = InitialCheck.run(e, eps, maxEntries);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(GradCheckJson.of(report));
        } else {
            out.println("gradgraph gradcheck: " + e.describe());
            out.print(report.table());
        }
        out.flush();
        return report.passed() ? 0 : Main.FAILED;
    }
}
