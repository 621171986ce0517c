package io.github.gradgraph.web.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Ancestors;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.print.Derivation;
import io.github.gradgraph.graph.print.ExpressionPrinter;
import io.github.gradgraph.graph.print.Notation;
import io.github.gradgraph.graph.rewrite.Lint;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.Network;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The derivation panel's content: what {@code gradgraph derive} prints for the network and J, one equation at a
 * time, in LaTeX (for KaTeX) and in Unicode, with each quantity's shape.
 */
public final class DeriveView {
    private DeriveView() {
    }

    /**
     * @return J as written (no L2 term), with A[L], Z[L] and Y by name: each statement the loss assigns (such as
     *     {@code pt = …}) on its own, then J over their names, so that the text grows with the formula, never with
     *     the number of ways its statements nest
     */
    static String typed(Network net, Notation notation) {
        int depth = net.spec().depth();
        Set<Node> given = Set.of(net.output(), net.z(depth), net.labels());
        List<Node> statements = statements(net.dataLoss(), given);
        Set<Node> named = new HashSet<>(statements);
        ExpressionPrinter printer = new ExpressionPrinter(notation, n -> given.contains(n) || named.contains(n)
                ? notation.name(n.name()) : null);
        StringBuilder out = new StringBuilder();
        for (Node s : statements) {
            if (s != net.dataLoss()) {
                out.append(notation.name(s.name())).append(" = ").append(printer.expand(s)).append(
                        notation == Notation.LATEX ? ";\\; " : "; ");
            }
        }
        return out.append("J = ").append(printer.expand(net.dataLoss())).toString();
    }

    /** @return the named operations J depends on through the loss formula alone (not through {@code given}), in order */
    private static List<Node> statements(Node loss, Set<Node> given) {
        List<Node> order = new ArrayList<>();
        Ancestors.postOrder(loss, n -> given.contains(n) || n.inputs().isEmpty(), n -> {
            if (n.name() != null) {
                order.add(n);
            }
        });
        return order;
    }

    /** @return {@code {lines: [{lhs, latex, unicode, shape, gradient}], note, typed: {latex, unicode}, warnings}} */
    public static ObjectNode of(Setup setup) {
        Network net = setup.network();
        boolean oneHot = net.spec().output() == Activation.SOFTMAX;
        // the pass the training step runs: with dropout its masks D[l] appear, as in `gradgraph derive`
        Derivation d = Derivation.of(net.trainingLoss(), net.parameters(), Map.of(net.input(), "A0"),
                oneHot ? Set.of(net.labels()) : Set.of());
        ObjectNode o = Json.object();
        ArrayNode lines = o.putArray("lines");
        var latex = d.lines(Notation.LATEX);
        var unicode = d.lines(Notation.UNICODE);
        for (int i = 0; i < latex.size(); i++) {
            Derivation.Line l = latex.get(i);
            Derivation.Line u = unicode.get(i);
            Shape s = l.equation().rhs().shape();
            ObjectNode line = lines.addObject();
            line.put("name", l.equation().lhs());
            line.put("latex", l.lhs() + " = " + l.rhs());
            line.put("unicode", u.lhs() + " = " + u.rhs());
            line.put("shape", s.rows() + " × " + s.cols());
            line.put("gradient", l.equation().gradient());
        }
        String note = d.note(Notation.UNICODE);
        if (note != null) {
            o.put("note", note);
        }
        ObjectNode typed = o.putObject("typed"); // J as the loss box reads it, before any rewrite
        typed.put("latex", typed(net, Notation.LATEX));
        typed.put("unicode", typed(net, Notation.UNICODE));
        ArrayNode warnings = o.putArray("warnings");
        Lint.check(d.loss()).forEach(warnings::add);
        return o;
    }
}
