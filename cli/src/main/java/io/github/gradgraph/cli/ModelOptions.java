package io.github.gradgraph.cli;

import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import picocli.CommandLine.Option;

/** A network described by its layers alone, without data: for {@code derive} and {@code graph}. */
final class ModelOptions {
    @Option(names = "--layers", paramLabel = "n0,...,nL", description = "Every layer size, e.g. 2,8,4,1.")
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
        NetworkSpec spec = NetworkSpec.withDefaults(Experiment.parseLayers(layers), Activation.parse(activation),
                outputActivation == null ? null : Activation.parse(outputActivation),
                loss == null ? null : LossKind.parse(loss), 0);
        return new Network(Experiment.regularized(spec, batchNorm, dropout));
    }
}
