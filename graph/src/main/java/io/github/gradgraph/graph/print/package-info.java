/**
 * Showing graphs and derivations: expressions in the course's notation (Z[l], A[l], dW[l], with (1/m) factored out as
 * documented), LaTeX, and Graphviz DOT with the derived (gradient) part filled.
 */
package io.github.gradgraph.graph.print;
