/**
 * Graphs drawn as static SVG on the JVM: the DOT printer's nodes and edges laid out by ELK layered and written out
 * deterministically (same graph, same bytes), with no Graphviz, no fonts and no display.
 */
package io.github.gradgraph.notebook.svg;
