package io.github.gradgraph.graph.expr;

/**
 * One lexical token of a formula.
 *
 * @param kind   what it is
 * @param text   the source text
 * @param line   1-based
 * @param column 1-based
 */
record Token(Kind kind, String text, int line, int column) {
    enum Kind { NUMBER, NAME, SYMBOL, END_OF_STATEMENT, END }

    boolean is(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    String show() {
        return kind == Kind.END ? "the end of the input" : kind == Kind.END_OF_STATEMENT
                ? (text.equals(";") ? "';'" : "the end of the line") : "'" + text + "'";
    }
}
