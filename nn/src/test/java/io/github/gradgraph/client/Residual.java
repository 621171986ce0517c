package io.github.gradgraph.client;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.layers.Features;
import io.github.gradgraph.nn.layers.Layer;
import io.github.gradgraph.nn.layers.LayerContext;
import io.github.gradgraph.nn.layers.LayerKind;

/**
 * A layer of one's own, as the README shows it: a residual block A + g(W·A + b), written {@code residual} or
 * {@code residual tanh} in the layer text. Its backward pass is derived like any other layer's.
 *
 * @param g the block's activation
 */
public record Residual(Activation g) implements Layer {
    @Override
    public String text() {
        return "residual " + g.cliName();
    }

    @Override
    public Features output(Features in) {
        return in; // A + …: the sample keeps its size
    }

    @Override
    public Built build(LayerContext c) {
        int n = c.in().size();
        Node w = c.weight("Wr" + c.position(), n, n); // drawn by the network's initializer, penalized by L2
        Node b = c.bias("br" + c.position(), n);
        return (in, mode) -> {
            Node a = in.a();
            return in.then(Ops.add(a, g.apply(Ops.add(Ops.matmul(w, a), b))), in.features());
        };
    }

    /** How the layer text writes it; listed in META-INF/services/io.github.gradgraph.nn.layers.LayerKind. */
    public static final class Kind implements LayerKind {
        @Override
        public String grammar() {
            return "residual";
        }

        @Override
        public Layer parse(String token) {
            if (token.equals("residual")) {
                return new Residual(Activation.RELU);
            }
            return token.startsWith("residual ") ? new Residual(Activation.parse(token.substring(9))) : null;
        }
    }
}
