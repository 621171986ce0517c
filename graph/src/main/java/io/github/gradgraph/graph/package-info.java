/**
 * The graph: immutable {@link io.github.gradgraph.graph.Node}s, each an operation ({@link
 * io.github.gradgraph.graph.Primitive}) applied to earlier nodes, with its shape checked when it is made, an optional
 * name and the user's source line. Leaves are inputs (fed per run, such as X = A[0], n[0] × m, one column per sample),
 * parameters (W[l], n[l] × n[l−1]; b[l], n[l] × 1; values in a {@link io.github.gradgraph.graph.ParameterStore}) and
 * constants. A graph holds no values and no gradients: gradients are more nodes of the same graph.
 *
 * <p>The classic deep network, Z[l] = W[l]·A[l−1] + b[l], A[l] = g[l](Z[l]), J = J(A[L], Y), is a few calls of
 * {@link io.github.gradgraph.graph.ops.Ops}; {@link io.github.gradgraph.graph.autodiff.Autodiff} derives dW[l] =
 * ∂J/∂W[l] and the rest; {@link io.github.gradgraph.graph.exec.Compiler} turns the nodes you want into a program.
 * Errors are {@link io.github.gradgraph.graph.GraphException}s naming the node and where it was made.
 */
package io.github.gradgraph.graph;
