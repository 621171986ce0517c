/**
 * The classic deep network on the graph engine: {@link io.github.gradgraph.nn.Network} builds X = A[0], Z[l] =
 * W[l]·A[l−1] + b[l], A[l] = g[l](Z[l]) for l = 1…L and a loss J (binary cross-entropy, softmax cross-entropy, mean
 * squared error, or any {@link io.github.gradgraph.nn.LossFunction} of your own) plus λ/(2m)·Σ‖W[l]‖²; the engine
 * derives dW[l], db[l]. {@link io.github.gradgraph.nn.Trainer} runs mini-batch or full-batch training with any
 * optimizer, per-epoch history and exact resume; {@link io.github.gradgraph.nn.Initializer} sets weights (small,
 * He, Xavier) of a network or of any hand-built graph.
 */
package io.github.gradgraph.nn;
