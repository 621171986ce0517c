package io.github.gradgraph.graph.expr;

import io.github.gradgraph.graph.GraphException;

/** A formula that cannot be read or built, with the line and column (both from 1) where the problem is. */
public class ExpressionException extends GraphException {
    private final int line;
    private final int column;

    /**
     * @param line    1-based
     * @param column  1-based
     * @param problem what is wrong there
     */
    public ExpressionException(int line, int column, String problem) {
        super("line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    /** @return the 1-based line */
    public int line() {
        return line;
    }

    /** @return the 1-based column */
    public int column() {
        return column;
    }
}
