package io.github.gradgraph.cli;

import io.github.gradgraph.nn.Network;
import picocli.CommandLine.Option;

/** A network described by its layers alone, without data: for {@code derive} and {@code graph}. */
final class ModelOptions {
    @Option(names = "--layers", paramLabel = "LAYERS", description = LayerOptions.HELP)
    String layers;

    @Option(names = "--activation", defaultValue = "tanh", description = "Hidden activation. Default: ${DEFAULT-VALUE}.")
    String activation;

    @Option(names = "--output-activation", description = "Default: sigmoid for one output, softmax for several.")
    String outputActivation;

    @Option(names = "--loss", description = "Default: bce for sigmoid, softmax-cross-entropy for softmax, else mse.")
    String loss;

    @Option(names = "--batch-norm", description = "Batch-normalize the hidden layers (see train --help).")
    boolean batchNorm;

    @Option(names = "--dropout", paramLabel = "P", description = "Dropout probability of the hidden layers; the "
            + "derivation shows the training pass with its masks D[l].")
    Double dropout;

    Network network() {
        return new Network(LayerOptions.spec(layers, activation, outputActivation, loss, 0, batchNorm, dropout));
    }
}
