/**
 * Running graphs: {@link io.github.gradgraph.graph.exec.Compiler} turns output nodes into a {@link
 * io.github.gradgraph.graph.exec.Program} — the needed nodes in topological order, rewritten by the standard rules
 * (simplification, transposed products, stabilization of log σ, log(1 − σ) and softmax cross-entropy) and fused —
 * whose buffers are planned once per batch size m and reused, so a steady-state run allocates nothing.
 *
 * <p>Every run validates its feeds (names, shapes, m, finiteness) before computing and its outputs after: a NaN or ∞
 * is a {@link io.github.gradgraph.graph.NonFiniteException} naming the first node that went non-finite, with its
 * operands' values there ({@link io.github.gradgraph.graph.exec.Checks} opts out). Compiling the same graph again and
 * again while it grows (gradients built inside the training loop) is warned about once.
 */
package io.github.gradgraph.graph.exec;
