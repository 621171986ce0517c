package io.github.gradgraph.cli;

import picocli.CommandLine.Option;

/** The options that say which data and which network: shared by {@code train} and {@code gradcheck}. */
public final class NetworkOptions {
    @Option(names = "--data", defaultValue = "flower", paramLabel = "NAME|FILE",
            description = "A built-in data set (flower, moons, circles, spirals) or a CSV file. Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--label-column", paramLabel = "NAME|INDEX",
            description = "The CSV column holding the class label: a header name or 0-based index. Default: the last.")
    String labelColumn;

    @Option(names = "--layers", paramLabel = "n0,n1,...,nL",
            description = "Every layer size including the input size n0, e.g. 2,8,4,1. Default: n0,8,4,1 for two "
                    + "classes, n0,8,4,K for K classes.")
    String layers;

    @Option(names = "--activation", defaultValue = "tanh",
            description = "Hidden-layer activation: relu, leaky-relu, tanh, sigmoid, softmax, identity. "
                    + "Default: ${DEFAULT-VALUE}.")
    String activation;

    @Option(names = "--output-activation",
            description = "Output activation. Default: sigmoid for one output, softmax for several.")
    String outputActivation;

    @Option(names = "--loss",
            description = "bce, softmax-cross-entropy or mse. Default: bce for a sigmoid output, "
                    + "softmax-cross-entropy for softmax, mse otherwise.")
    String loss;

    @Option(names = "--l2", defaultValue = "0", description = "L2 strength λ in λ/(2m)·Σ‖W‖². Default: ${DEFAULT-VALUE}.")
    double l2;

    @Option(names = "--init", description = "Initializer: small, he or xavier. Default: he for relu, xavier otherwise.")
    String init;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of data, split, initialization and shuffles. "
            + "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.2",
            description = "Fraction of the samples held out for testing. Default: ${DEFAULT-VALUE}.")
    double testFraction;
}
