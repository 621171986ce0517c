package io.github.gradgraph.graph.print;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.expr.Formula;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a formula statement by statement, each assigned statement on its own line and used by its name in the lines
 * below it: {@code a1 = A ⊙ A}, {@code a2 = a1 ⊙ a1}, …, {@code mean(a24)}. The text grows with the formula, not with
 * the expansion of its shared subexpressions (which, printed as one expression, doubles per such line). The lines
 * share one {@link ExpressionPrinter}, so their total length is bounded by its budget.
 *
 * <pre>{@code
 * Formula f = FormulaParser.parse(source, shapes, Shape.SCALAR);
 * String text = FormulaPrinter.format(f, Notation.UNICODE);   // one line per statement
 * }</pre>
 */
public final class FormulaPrinter {
    private FormulaPrinter() {
    }

    /**
     * @return the formula's statements, one line each, joined by new lines (LaTeX lines end in {@code \\})
     * @throws PrintTooLongException when the lines together pass {@link ExpressionPrinter#DEFAULT_BUDGET}
     */
    public static String format(Formula formula, Notation notation) {
        return String.join(notation == Notation.LATEX ? " \\\\\n" : "\n", lines(formula, notation,
                ExpressionPrinter.DEFAULT_BUDGET));
    }

    /**
     * @param formula  a parsed formula, with its {@link Formula#statements()}
     * @param notation Unicode or LaTeX
     * @param budget   the most characters the right-hand sides may take together, ≥ 1
     * @return one line per statement, in order: {@code name = expression} for an assignment, the expression alone
     *     for an expression statement; a statement that names a node named before prints as {@code b = a}
     * @throws PrintTooLongException when the lines together pass the budget
     */
    public static List<String> lines(Formula formula, Notation notation, int budget) {
        Map<Node, String> named = new IdentityHashMap<>();
        ExpressionPrinter printer = new ExpressionPrinter(notation, n -> {
            String name = named.get(n);
            return name == null ? null : notation.name(name);
        }, budget);
        List<String> lines = new ArrayList<>();
        for (Formula.Statement s : formula.statements()) {
            Node n = s.node();
            String before = named.get(n);
            String rhs = before != null ? notation.name(before) : n.inputs().isEmpty() ? printer.print(n)
                    : printer.expand(n);
            if (s.name() == null) {
                lines.add(rhs);
                continue;
            }
            lines.add(notation.name(s.name()) + " = " + rhs);
            if (before == null && !n.inputs().isEmpty()) { // an input keeps its own name in the other lines
                named.put(n, s.name());
            }
        }
        return lines;
    }
}
