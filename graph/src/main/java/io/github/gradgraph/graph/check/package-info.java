/**
 * Checking derived gradients against central differences, ĝᵢ = (J(x + ε·eᵢ) − J(x − ε·eᵢ)) / 2ε: per variable the
 * relative difference ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖) and an allclose test whose absolute part is the differences' own rounding
 * noise; entries at a kink of relu, abs or max are counted, never passed. Optionally on a seeded sample of entries.
 */
package io.github.gradgraph.graph.check;
