package io.github.gradgraph.spark;

import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.NetworkSpec;
import java.io.Serializable;
import java.util.Arrays;

/**
 * What executors need to rebuild a network's graph themselves — layer sizes, activations, loss, L2 — so that no graph
 * is ever shipped with a task: each executor JVM compiles its gradient program once from this and reuses it. (A
 * class, not a record: Spark's Kryo cannot set a record's fields.)
 */
public final class NetworkDescription implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] layers;
    private final String hidden;
    private final String output;
    private final String loss;
    private final double l2;

    private NetworkDescription(int[] layers, String hidden, String output, String loss, double l2) {
        this.layers = layers.clone();
        this.hidden = hidden;
        this.output = output;
        this.loss = loss;
        this.l2 = l2;
    }

    /** @return the description of {@code spec} */
    public static NetworkDescription of(NetworkSpec spec) {
        return new NetworkDescription(spec.layers(), spec.hidden().cliName(), spec.output().cliName(),
                spec.loss().cliName(), spec.l2());
    }

    /** @return the network specification this describes */
    public NetworkSpec spec() {
        return new NetworkSpec(layers, Activation.parse(hidden), Activation.parse(output), LossKind.parse(loss), l2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkDescription d && Arrays.equals(layers, d.layers) && hidden.equals(d.hidden)
                && output.equals(d.output) && loss.equals(d.loss) && Double.compare(l2, d.l2) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(layers) + java.util.Objects.hash(hidden, output, loss, l2);
    }
}
