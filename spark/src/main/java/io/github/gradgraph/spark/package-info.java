/**
 * Data-parallel training on Apache Spark. For full-batch gradient descent J = (1/m)·Σᵢ Lᵢ, so with the samples split
 * into blocks of bₖ samples, ∂J/∂θ = (1/m)·Σₖ bₖ·∂J_k/∂θ where J_k is the mean loss of block k: each partition computes
 * bₖ·∂J_k/∂θ with gradgraph's compiled program, a tree sums them in a fixed order, and the driver divides by m, adds
 * the L2 term λ/m·W once and applies the optimizer — the same update as one machine.
 */
package io.github.gradgraph.spark;
