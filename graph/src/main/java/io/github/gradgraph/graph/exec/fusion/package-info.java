/**
 * Compiler-level fusions: a step that computes several nodes in one kernel, each a small named {@link
 * io.github.gradgraph.graph.exec.fusion.FusionRule} proven against the unfused program on every matrix backend.
 * {@code BiasIntoGemm}: Z = W·A + b as one GEMM whose output starts as b broadcast (β = 1). {@code ScaleIntoGemm}:
 * (1/m)·dZ·Aᵀ with the 1/m in GEMM's α. {@code MaskedProduct}: dZ = dA ⊙ g′(Z) for relu and leaky relu in one
 * branch-free pass.
 */
package io.github.gradgraph.graph.exec.fusion;
