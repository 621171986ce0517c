package io.github.gradgraph.notebook;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.expr.Formula;
import io.github.gradgraph.graph.print.Derivation;
import io.github.gradgraph.graph.print.ExpressionPrinter;
import io.github.gradgraph.graph.print.FormulaPrinter;
import io.github.gradgraph.graph.print.Notation;
import io.github.gradgraph.graph.print.PrintTooLongException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expressions, derivations and formulas typeset in the course's notation ({@code dW^{[1]} = \frac{1}{m} dZ^{[1]}
 * A^{[0]\top}}) as {@code text/latex} display math, which Jupyter renders with MathJax, with the Unicode notation
 * ({@code dW[1] = (1/m)·dZ[1]·A[0]ᵀ}) as the text.
 */
final class Typeset {
    private Typeset() {
    }

    /** @return {@code name = expression} for a named node, else the expression; leaves print by name */
    static Rich node(Node n) {
        try {
            String latex = expression(n, Notation.LATEX);
            String plain = expression(n, Notation.UNICODE);
            return display(latex, plain);
        } catch (PrintTooLongException e) {
            return new Rich(Map.of(Rich.PLAIN, n.describe() + ": " + e.getMessage()));
        }
    }

    private static String expression(Node n, Notation notation) {
        ExpressionPrinter p = new ExpressionPrinter(notation,
                x -> x.inputs().isEmpty() ? notation.name(x.label()) : null);
        String rhs = n.inputs().isEmpty() ? p.print(n) : p.expand(n);
        return n.name() != null && !n.inputs().isEmpty() ? notation.name(n.name()) + " = " + rhs : rhs;
    }

    /** @return every equation of the derivation, forward then derived, aligned at their = signs */
    static Rich derivation(Derivation d) {
        try {
            List<String> rows = new ArrayList<>();
            boolean inGradients = false;
            for (Derivation.Line line : d.lines(Notation.LATEX)) {
                if (line.equation().gradient() && !inGradients && !rows.isEmpty()) {
                    wider(rows); // a blank line's worth between forward and derived, as the text has
                }
                inGradients |= line.equation().gradient();
                rows.add(line.lhs() + " &= " + line.rhs() + " \\\\");
            }
            String note = d.note(Notation.LATEX);
            if (note != null) {
                wider(rows);
                rows.add("& " + note);
            }
            if (!rows.isEmpty() && rows.get(rows.size() - 1).endsWith(" \\\\")) {
                String last = rows.remove(rows.size() - 1);
                rows.add(last.substring(0, last.length() - 3));
            }
            return display(aligned(rows), d.format(Notation.UNICODE).stripTrailing());
        } catch (PrintTooLongException e) {
            return new Rich(Map.of(Rich.PLAIN, "derivation of " + d.loss().describe() + ": " + e.getMessage()));
        }
    }

    /** @return the formula's statements, one per row, assignments aligned at their = signs */
    static Rich formula(Formula f) {
        try {
            List<String> latex = FormulaPrinter.lines(f, Notation.LATEX, ExpressionPrinter.DEFAULT_BUDGET);
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < latex.size(); i++) {
                String line = latex.get(i);
                boolean assigned = f.statements().get(i).name() != null;
                String row = assigned ? line.replaceFirst(" = ", " &= ") : "& " + line;
                rows.add(i < latex.size() - 1 ? row + " \\\\" : row);
            }
            return display(aligned(rows), FormulaPrinter.format(f, Notation.UNICODE));
        } catch (PrintTooLongException e) {
            return new Rich(Map.of(Rich.PLAIN, "formula: " + e.getMessage()));
        }
    }

    /** Widens the gap after the last row. */
    private static void wider(List<String> rows) {
        rows.set(rows.size() - 1, rows.get(rows.size() - 1) + "[1ex]");
    }

    private static String aligned(List<String> rows) {
        return "\\begin{aligned}\n" + String.join("\n", rows) + "\n\\end{aligned}";
    }

    private static Rich display(String latex, String plain) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Rich.LATEX, "$$" + latex + "$$");
        m.put(Rich.PLAIN, plain);
        return new Rich(m);
    }
}
