/** gradgraph nn: see the module description; this module is built on the graph engine and grows with its issues. */
package io.github.gradgraph.nn;
