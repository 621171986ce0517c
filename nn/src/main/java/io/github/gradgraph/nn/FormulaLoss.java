package io.github.gradgraph.nn;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.expr.FormulaParser;
import java.util.Map;

/**
 * A loss J written in the formula language of {@link FormulaParser} over the network's output {@code A} (A[L]), its
 * logits {@code Z} (Z[L]) and the labels {@code Y}, all n[L]×m: for example a binary cross-entropy that weighs the
 * positives three times, {@code mean(-(3*Y*log(A) + (1 - Y)*log(1 - A)))}. The formula must reduce to 1×1 (with
 * {@code mean} or {@code sum}); its gradient is derived like any other, and the standard rewrites make the textbook
 * forms such as {@code log(1 - A)} of a sigmoid output finite where they would overflow.
 *
 * <p>The formula is parsed against each network it is built into, so one {@code FormulaLoss} serves networks of
 * any size.
 */
public final class FormulaLoss implements LossFunction {
    /** The names a loss formula may use. */
    public static final String OUTPUT = "A";
    /** The logits Z[L]. */
    public static final String LOGITS = "Z";
    /** The labels Y. */
    public static final String LABELS = "Y";

    private final String source;

    /**
     * @param source the formula, statements separated by ';' or new lines, the last one J
     * @throws IllegalArgumentException when the source is null or blank
     */
    public FormulaLoss(String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("the loss formula is empty; write J in terms of A, Z and Y, "
                    + "e.g. mean((A - Y)**2)");
        }
        this.source = source;
    }

    /** @return the formula as written */
    public String source() {
        return source;
    }

    /**
     * @throws io.github.gradgraph.graph.expr.ExpressionException at the line and column of a syntax, name or shape
     *     error in the formula
     */
    @Override
    public Node build(Node logits, Node output, Node labels) {
        return FormulaParser.parseOver(source, Map.of(OUTPUT, output, LOGITS, logits, LABELS, labels)).result();
    }

    @Override
    public String toString() {
        return "J = " + source;
    }
}
