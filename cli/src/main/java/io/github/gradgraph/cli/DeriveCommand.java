package io.github.gradgraph.cli;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.expr.Formula;
import io.github.gradgraph.graph.expr.FormulaParser;
import io.github.gradgraph.graph.print.Derivation;
import io.github.gradgraph.graph.print.Notation;
import io.github.gradgraph.graph.rewrite.Lint;
import io.github.gradgraph.nn.Network;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradgraph derive}: the simplified derivation of a formula's or a network's gradients. */
@Command(name = "derive", mixinStandardHelpOptions = true,
        description = "Print the forward equations and the simplified derived gradients, of a formula (--expr) or "
                + "of the classic deep network (--layers), in Unicode or LaTeX.")
public final class DeriveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--expr", paramLabel = "FORMULA", description = "Statements 'name = expr' separated by ';' "
                + "or new lines; the last is J.")
        String expr;

        @ArgGroup(exclusive = false)
        ModelOptions model;
    }

    @Option(names = "--wrt", paramLabel = "NAME", description = "A variable to differentiate by (repeatable). "
            + "Default: every input of the formula, every parameter of the network.")
    List<String> wrt = new ArrayList<>();

    @Option(names = "--shape", paramLabel = "NAME=RxC", description = "An input's shape, e.g. Z=1xm or W=3x4 "
            + "(repeatable). Default: 1xm.")
    List<String> shapes = new ArrayList<>();

    @Option(names = "--latex", description = "Print LaTeX instead of Unicode.")
    boolean latex;

    @Option(names = "--report", description = "Also print the rewrite rules that fired.")
    boolean report;

    @Override
    public Integer call() {
        Derivation d;
        Node j;
        if (source.expr != null) {
            Formula f = FormulaParser.parse(source.expr, Shapes.parse(shapes), Shape.of(1, Dim.M));
            j = f.result();
            List<Node> vars = new ArrayList<>();
            if (wrt.isEmpty()) {
                f.names().values().stream().filter(n -> n.inputs().isEmpty()).forEach(vars::add);
            } else {
                wrt.forEach(name -> vars.add(f.node(name)));
            }
            d = Derivation.of(j, vars, Map.of());
        } else {
            if (source.model.layers == null) {
                throw new IllegalArgumentException("--layers is required to derive a network");
            }
            Network net = source.model.network();
            j = net.loss();
            List<Node> vars = new ArrayList<>();
            if (wrt.isEmpty()) {
                vars.addAll(net.parameters());
            } else {
                for (String name : wrt) {
                    Node n = net.graph().leaf(name);
                    if (n == null) {
                        throw new IllegalArgumentException("--wrt " + name + ": the network's parameters are "
                                + net.parameters().stream().map(Node::label).toList());
                    }
                    vars.add(n);
                }
            }
            boolean softmaxCrossEntropy = net.spec().loss() == io.github.gradgraph.nn.LossKind.SOFTMAX_CROSS_ENTROPY;
            d = Derivation.of(j, vars, Map.of(net.input(), "A0"), softmaxCrossEntropy ? java.util.Set.of(net.labels())
                    : java.util.Set.of()); // a network's labels are one-hot for softmax cross-entropy
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(d.format(latex ? Notation.LATEX : Notation.UNICODE));
        if (report) {
            out.println();
            out.println("Rewrite rules that fired:");
            out.print(d.report());
        }
        for (String w : Lint.check(d.loss())) {
            spec.commandLine().getErr().println("gradgraph: warning: " + w);
        }
        out.flush();
        return 0;
    }
}
