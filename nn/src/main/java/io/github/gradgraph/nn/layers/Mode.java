package io.github.gradgraph.nn.layers;

/**
 * Which of a network's forward passes a layer builds. The passes share every parameter; they differ only where a
 * layer behaves differently in training and in inference.
 */
public enum Mode {
    /** Training without randomness: batch statistics, no dropout. What gradient checks and derivations use. */
    CHECK,
    /** What a training step runs: batch statistics and dropout masks. */
    TRAIN,
    /** Prediction and evaluation: running statistics, no dropout. */
    INFER
}
