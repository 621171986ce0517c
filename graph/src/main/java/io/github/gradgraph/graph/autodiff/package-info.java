/**
 * Reverse-mode differentiation as graph building: {@link io.github.gradgraph.graph.autodiff.Autodiff#gradients}
 * walks from J back to the variables, asks each primitive for its vector-Jacobian product and sums contributions where
 * a node feeds several others — producing dA[l], dZ[l], dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ-shaped nodes in the same graph,
 * so they can be printed, compiled and differentiated again (Hessian-vector products in {@code Higher}).
 * {@link io.github.gradgraph.graph.autodiff.ValueAndGrad} packages J and its gradients in one rewritten, checked
 * program: build once, run every step.
 */
package io.github.gradgraph.graph.autodiff;
