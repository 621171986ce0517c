package io.github.gradgraph.nn.layers;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.nn.Activation;
import java.math.BigDecimal;

/**
 * Inverted dropout of the layer l right before it, written {@code dropoutP} ({@code dropout0.2}): in training,
 * A[l] = g[l](Z[l]) ⊙ D[l], the mask D[l] (an input named {@code D<l>}, drawn by the training step) holding 0 with
 * probability P and 1/(1 − P) otherwise; nothing in inference or in a gradient check.
 *
 * @param p the probability of dropping a unit, in (0, 1)
 */
public record DropoutLayer(double p) implements Layer {
    public DropoutLayer {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("the dropout probability must be above 0 and below 1, got " + p);
        }
    }

    @Override
    public String text() {
        return "dropout" + BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
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
        return mode == Mode.TRAIN;
    }

    @Override
    public Built build(LayerContext c) {
        Node mask = c.mask("D" + c.number(), c.in().size(), p);
        return (in, mode) -> mode == Mode.TRAIN ? in.settledAs(Ops.mul(in.activated(), mask)) : in;
    }
}
