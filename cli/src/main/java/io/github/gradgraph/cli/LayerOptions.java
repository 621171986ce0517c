package io.github.gradgraph.cli;

import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.NetworkSpec;

/**
 * Reads {@code --layers} with the options around it: the layer text ({@code 2,4,1}, or {@code 2, 16 relu, bn,
 * dropout0.2, 8 relu, 1 sigmoid}), {@code --activation} and {@code --output-activation} for the dense layers that
 * name none, {@code --loss}, {@code --l2}, and {@code --batch-norm}/{@code --dropout} for every hidden layer.
 */
final class LayerOptions {
    /** What {@code --help} says of {@code --layers}. */
    static final String HELP = "The input and the layers, comma-separated: sizes of dense layers (2,8,4,1), each "
            + "optionally with its activation (16 relu); bn and dropoutP apply to the layer before them, e.g. "
            + "'2, 16 relu, bn, dropout0.2, 8 relu, 1 sigmoid'. An image input is HxWxC (28x28x1).";

    private LayerOptions() {
    }

    /**
     * @param text       the layer text
     * @param activation hidden activation for dense layers naming none, or null for tanh
     * @param output     output activation, or null for the default (sigmoid for 1 unit, else softmax)
     * @param loss       the loss, or null for the output's usual one
     * @param batchNorm  whether {@code --batch-norm} was given
     * @param dropout    {@code --dropout}, or null
     * @throws IllegalArgumentException naming the option and, for the text, the layer at fault
     */
    static NetworkSpec spec(String text, String activation, String output, String loss, double l2, boolean batchNorm,
            Double dropout) {
        Activation hidden = Activation.parse(activation == null ? "tanh" : activation);
        Activation out = output == null ? null : Activation.parse(output);
        LossKind j = loss == null ? null : LossKind.parse(loss);
        NetworkSpec spec;
        try {
            spec = NetworkSpec.parse(text, hidden, out, j, l2);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--layers '" + text + "': " + e.getMessage());
        }
        if ((batchNorm || dropout != null) && (spec.batchNorm() || spec.dropout() > 0)) {
            throw new IllegalArgumentException((batchNorm ? "--batch-norm" : "--dropout") + " puts bn or dropout "
                    + "after every hidden layer, and --layers '" + text + "' places them already; use one or the "
                    + "other");
        }
        if (dropout != null && !(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be at least 0 and below 1 (the probability of "
                    + "dropping a unit), got " + dropout);
        }
        try {
            spec = batchNorm ? spec.withBatchNorm(true) : spec;
            return dropout != null && dropout > 0 ? spec.withDropout(dropout) : spec;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((batchNorm ? "--batch-norm" : "--dropout") + ": " + e.getMessage());
        }
    }
}
