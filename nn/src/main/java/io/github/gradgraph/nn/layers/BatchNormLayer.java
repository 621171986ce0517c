package io.github.gradgraph.nn.layers;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.BatchNorm;

/**
 * Batch normalization of the layer l right before it, written {@code bn}: between Z[l] and its activation, as in the
 * classic course and PyTorch's BatchNorm1d — Ẑ[l] = (Z[l] − μ[l])/√(σ²[l] + ε), Z̃[l] = γ[l] ⊙ Ẑ[l] + β[l],
 * A[l] = g[l](Z̃[l]), with the batch's μ and σ² in training and the running ones ({@code running_mean<l>},
 * {@code running_var<l>}, buffers the training step keeps up to date) in inference. The layer before loses its bias.
 */
public record BatchNormLayer() implements Layer {
    @Override
    public String text() {
        return "bn";
    }

    @Override
    public Features output(Features in) {
        return in;
    }

    @Override
    public Activation outputActivation(Activation in) {
        return in;
    }

    @Override
    public boolean differsIn(Mode mode) {
        return mode == Mode.INFER;
    }

    @Override
    public boolean replacesBias() {
        return true;
    }

    @Override
    public void checkPlace(Layer previous) {
        if (previous == null || !previous.numbered()) {
            throw new IllegalArgumentException("bn normalizes Z of the layer right before it, which must have weights "
                    + "(such as a dense layer); here it follows " + (previous == null ? "the input"
                    : "'" + previous.text() + "'"));
        }
        if (previous instanceof ConvLayer) {
            throw new IllegalArgumentException("bn after a convolution would normalize each pixel of each channel on "
                    + "its own; per-channel batch normalization of images is not built yet");
        }
    }

    @Override
    public Built build(LayerContext c) {
        int l = c.number();
        int n = c.in().size();
        Node gamma = c.constant("gamma" + l, n, 1, true);
        Node beta = c.constant("beta" + l, n, 0, true);
        Node runningMean = c.buffer("running_mean" + l, n, 0);
        Node runningVar = c.buffer("running_var" + l, n, 1);
        return (in, mode) -> {
            Node z = in.preActivation();
            if (mode == Mode.INFER) {
                return in.replacingPreActivation(BatchNorm.infer(z, gamma, beta, runningMean, runningVar, l));
            }
            BatchNorm.Parts bn = BatchNorm.train(z, gamma, beta, l);
            in.recorder().batchStatistics(bn.mean(), bn.variance(), runningMean, runningVar);
            return in.replacingPreActivation(bn.out());
        };
    }
}
