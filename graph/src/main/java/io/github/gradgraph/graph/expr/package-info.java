/**
 * Formulas as text, such as {@code mean((A - Y)^2)} or {@code -mean(Y*log(A) + (1-Y)*log(1-A))}: a lexer and parser
 * that build graph nodes, with errors that point at the column.
 */
package io.github.gradgraph.graph.expr;
