package io.github.gradgraph.nn.layers;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.nn.Activation;

/**
 * A fully connected layer l of n units, the seed's: Z[l] = W[l]·A[l−1] + b[l] (W[l] n × n[l−1], b[l] n × 1) and
 * A[l] = g[l](Z[l]). Written {@code 16} or {@code 16 relu}; without an activation it takes the network's hidden or
 * output one. An image before it is read as its H·W·C features (the batch's rows already are). Followed by
 * {@code bn}, it has no b[l]: batch normalization's β[l] takes its place.
 *
 * @param units      n[l] ≥ 1
 * @param activation g[l], or null while the network's default is still to be chosen
 */
public record DenseLayer(int units, Activation activation) implements Layer {
    public DenseLayer {
        if (units < 1) {
            throw new IllegalArgumentException("a layer needs at least 1 unit, got " + units);
        }
    }

    /** @return this layer with activation {@code g} */
    public DenseLayer withActivation(Activation g) {
        return new DenseLayer(units, g);
    }

    @Override
    public String text() {
        return activation == null ? Integer.toString(units) : units + " " + activation.cliName();
    }

    @Override
    public Features output(Features in) {
        return Features.vector(units);
    }

    @Override
    public double flops(Features in) {
        return 2.0 * units * in.size();
    }

    @Override
    public boolean numbered() {
        return true;
    }

    @Override
    public Activation outputActivation(Activation in) {
        return activation;
    }

    @Override
    public Built build(LayerContext c) {
        if (activation == null) {
            throw new IllegalStateException("layer '" + text() + "' has no activation yet");
        }
        int l = c.number();
        Node w = c.weight("W" + l, units, c.in().size());
        Node b = c.next() != null && c.next().replacesBias() ? null : c.bias("b" + l, units);
        Features out = c.out();
        return (in, mode) -> {
            Node product = Ops.matmul(w, in.a());
            Node z = (b == null ? product : Ops.add(product, b)).named("Z" + l);
            in.recorder().z(l, z);
            return in.numbered(z, l, activation, out);
        };
    }
}
