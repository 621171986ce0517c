package io.github.gradgraph.graph.print;

import io.github.gradgraph.graph.GraphException;

/**
 * A printed expression that would pass its printer's character budget. An expression prints each unnamed node in
 * full wherever it is used, so a chain of statements that each use the one before twice ({@code a2 = a1*a1},
 * {@code a3 = a2*a2}, …) doubles in length per statement; the printer stops as soon as the budget is passed, before
 * building the long text. Print such a formula with {@link FormulaPrinter}, which prints each assigned statement
 * once, by name, or name the shared intermediate results.
 */
public class PrintTooLongException extends GraphException {
    private final long budget;

    /**
     * @param what   the node being printed, as {@link io.github.gradgraph.graph.Node#describe()} gives it
     * @param budget the printer's budget, in characters
     * @param work   true when the budget passed is the one on intermediate text (a chain of thousands of operations),
     *               false when it is the printed text itself
     */
    public PrintTooLongException(String what, long budget, boolean work) {
        super("printing " + what + (work ? " builds more than " + String.format(java.util.Locale.ROOT, "%,d", budget)
                + " characters of intermediate text (a chain of thousands of operations)"
                : " takes more than " + String.format(java.util.Locale.ROOT, "%,d", budget) + " characters (unnamed "
                + "subexpressions print in full wherever they are used)") + "; name intermediate results, or print a "
                + "formula statement by statement (FormulaPrinter)");
        this.budget = budget;
    }

    /** @return the budget that was passed, in characters */
    public long budget() {
        return budget;
    }
}
