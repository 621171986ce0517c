/**
 * Building nodes: {@link io.github.gradgraph.graph.ops.Ops} (matmul, broadcasting add/sub/mul/div, activations,
 * elementwise functions, reductions along rows or columns), {@link io.github.gradgraph.graph.ops.Functions}
 * (composites such as mean = sum / m) and {@link io.github.gradgraph.graph.ops.Losses} (binary cross-entropy from
 * logits, softmax cross-entropy, mean squared error). A primitive is one class: its shape rule, its kernel and its
 * vector-Jacobian product, e.g. for matmul C = A·B: dA = dC·Bᵀ, dB = Aᵀ·dC; a broadcast operand's gradient is summed
 * over the dimension it was broadcast along (db[l] = Σ over the m columns of dZ[l]).
 */
package io.github.gradgraph.graph.ops;
