/**
 * Values and kernels over EJML {@code DMatrixRMaj}: shapes with the symbolic batch dimension m and numpy-style
 * broadcasting, elementwise functions and their derivatives, reductions, matrix products behind one {@link
 * io.github.gradgraph.core.Gemm} interface, and numerically stable softmax, log-softmax and log-sum-exp.
 *
 * <p>Kernels follow EJML's conventions: static front classes, the output argument last and written in place, no
 * allocation, the variant in the method name.
 */
package io.github.gradgraph.core;
