/**
 * Values and kernels over EJML {@code DMatrixRMaj}: shapes with the symbolic batch dimension m and numpy-style
 * broadcasting, elementwise functions and their derivatives, reductions, matrix products behind one {@link
 * io.github.gradgraph.core.Gemm} interface, and numerically stable softmax, log-softmax and log-sum-exp.
 *
 * <p>Kernels follow EJML's conventions: static front classes, the output argument last and written in place, no
 * allocation, the variant in the method name.
 *
 * <p>The float32 kernel classes ({@code FloatUnaryOps}, {@code FloatReductions}, …) are generated at build time from
 * the float64 sources that core/pom.xml lists (docs/decisions/0012). In those sources {@code @F64 double} stays
 * {@code double} in float32, the code between {@code // BEGIN float64 only} and {@code // END float64 only} has no
 * twin, and {@code // float32: extends X} on the class line names the hand-written class from which the twin
 * inherits its float-only kernels.
 */
package io.github.gradgraph.core;
