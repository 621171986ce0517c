/**
 * Graph rewrites as small named rules, applied bottom-up with common-subexpression elimination: constant folding,
 * algebra (x·1 = x, x + 0 = x, (xᵀ)ᵀ = x, …), structure (W ᵀ·dZ as a transposed product, sums of broadcasts),
 * hoisting, and stabilization — log σ(z) = −softplus(−z), log(1 − σ(z)) = −softplus(z), softmax cross-entropy as
 * log-sum-exp — which keeps a loss written as in a textbook finite where it would overflow. Every rule preserves
 * values (and first and second derivatives) wherever the original is finite; {@code Lint} points at unsafe forms.
 */
package io.github.gradgraph.graph.rewrite;
