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

    @Option(names = "--shapes", arity = "0..1", fallbackValue = "sizes", paramLabel = "sizes|symbolic",
            description = "Show each quantity's shape: its sizes (4×m), or for a network in layer sizes "
                    + "(n[1] × n[0]) with --shapes symbolic.")
    String showShapes;

    @Option(names = "--report", description = "Also print the rewrite rules that fired.")
    boolean report;

    /** @return the shape to show after an equation, as asked by --shapes */
    private String shapeOf(Derivation.Equation e, Notation notation, boolean network) {
        if (showShapes == null) {
            return null;
        }
        io.github.gradgraph.core.Shape s = e.rhs().shape();
        if (!showShapes.equals("symbolic")) {
            if (!showShapes.equals("sizes")) {
                throw new IllegalArgumentException("--shapes '" + showShapes + "': choose sizes or symbolic");
            }
            return s.rows() + (notation == Notation.LATEX ? " \\times " : " × ") + s.cols();
        }
        if (!network) {
            throw new IllegalArgumentException("--shapes symbolic names layer sizes n[l]; it applies to --layers");
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^d?([A-Za-z]+)(\\d+)$").matcher(e.lhs());
        if (!m.matches()) {
            return s.isScalar() ? "1" + (notation == Notation.LATEX ? " \\times " : " × ") + "1" : null;
        }
        int l = Integer.parseInt(m.group(2));
        String rows = notation == Notation.LATEX ? "n^{[" + l + "]}" : "n[" + l + "]";
        String cols = switch (m.group(1)) {
            case "W" -> notation == Notation.LATEX ? "n^{[" + (l - 1) + "]}" : "n[" + (l - 1) + "]";
            case "b" -> "1";
            default -> "m";
        };
        return rows + (notation == Notation.LATEX ? " \\times " : " × ") + cols;
    }

    @Override
    public Integer call() {
        Derivation d;
        if (source.expr != null) {
            Formula f = FormulaParser.parse(source.expr, Shapes.parse(shapes), Shape.of(1, Dim.M));
            Node j = f.result();
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
            d = io.github.gradgraph.nn.NetworkDerivation.of(net, vars);
        }
        PrintWriter out = spec.commandLine().getOut();
        Notation notation = latex ? Notation.LATEX : Notation.UNICODE;
        out.print(d.format(notation, e -> shapeOf(e, notation, source.expr == null)));
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
