package io.github.gradgraph.cli;

import picocli.CommandLine.Option;

/** The options that say which network and how it starts: shared by {@code train} and {@code gradcheck}. */
public final class NetworkOptions {
    @Option(names = "--layers", paramLabel = "LAYERS",
            description = LayerOptions.HELP + " Default: n0,8,4,1 for two classes, n0,8,4,K for K classes.")
    String layers;

    @Option(names = "--activation",
            description = "Activation of the hidden layers that name none: relu, leaky-relu, tanh, sigmoid, gelu, gelu-tanh, silu, elu, softplus, "
                    + "softmax, identity. Default: tanh.")
    String activation;

    @Option(names = "--output-activation",
            description = "Output activation. Default: sigmoid for one output, softmax for several.")
    String outputActivation;

    @Option(names = "--loss",
            description = "bce, softmax-cross-entropy or mse. Default: bce for a sigmoid output, "
                    + "softmax-cross-entropy for softmax, mse otherwise.")
    String loss;

    @Option(names = "--l2", description = "L2 strength λ in λ/(2m)·Σ‖W‖². Default: 0.")
    Double l2;

    @Option(names = "--batch-norm", description = "Batch-normalize every hidden layer: Z[l] = W[l]·A[l-1] (no b[l]), "
            + "normalized per unit over the batch, then γ[l]⊙Ẑ[l] + β[l]; running statistics for prediction.")
    Boolean batchNorm;

    @Option(names = "--dropout", paramLabel = "P", description = "Drop each hidden unit with probability P in "
            + "training (inverted: kept units scaled by 1/(1 − P)); never in prediction or evaluation. Default: 0.")
    Double dropout;

    @Option(names = "--init", description = "Initializer: small, he or xavier. Default: he for relu and its relatives (leaky-relu, "
            + "gelu, gelu-tanh, silu, elu, softplus), xavier otherwise.")
    String init;

    @Option(names = "--init-from", paramLabel = "FILE",
            description = "Start from the weights W1, b1, …, WL, bL in this safetensors file (from any writer: "
                    + "PyTorch, numpy, gradgraph) or numpy .npz; b may be n×1 or a vector; F64 or F32.")
    String initFrom;

    @Option(names = "--seed", description = "Seed of data, split, initialization and shuffles. Default: 1.")
    Long seed;
}
