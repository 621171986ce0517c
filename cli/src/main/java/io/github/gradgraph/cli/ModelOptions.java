package io.github.gradgraph.cli;

import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.Sequence;
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

    @Option(names = "--seq-len", paramLabel = "T", description = "For recurrent layers (rnnN, lstmN, gruN): the "
            + "time steps to unroll (token ids in, J the sum of the losses at every step, as the course's). Default: 3.")
    Integer seqLen;

    Network network() {
        NetworkSpec spec = LayerOptions.spec(layers, activation, outputActivation, loss, 0, batchNorm, dropout);
        if (seqLen != null && !spec.recurrent()) {
            throw new IllegalArgumentException("--seq-len applies to recurrent layers (rnnN, lstmN, gruN)");
        }
        if (seqLen != null && (seqLen < 1 || seqLen > 1000)) {
            throw new IllegalArgumentException("--seq-len must be between 1 and 1000, got " + seqLen);
        }
        // J summed over the steps, as the course derives backpropagation through time
        return spec.recurrent() ? new Network(spec, Sequence.tokens(seqLen != null ? seqLen : 3).summed(true))
                : new Network(spec);
    }
}
