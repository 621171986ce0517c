package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Convolutions;
import io.github.gradgraph.core.FloatConvolutions;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ShapeException;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * A per-channel column repeated at every position: C × 1 → (P·C) × 1, the adjoint of {@link ChannelSum}. Linear: its
 * VJP sums the upstream gradient per channel.
 *
 * @param positions P
 */
public record ChannelTile(int positions) implements Float32Primitive {
    @Override
    public String name() {
        return "channel_tile";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        Node b = inputs.get(0);
        if (b.shape().rows().isSymbolic() || !b.shape().cols().isOne()) {
            throw new ShapeException("channel_tile " + b.describe() + ": needs one column of a fixed number of "
                    + "channels");
        }
        return Shape.of(positions * b.shape().rows().size(), 1);
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        Convolutions.channelTile(positions, in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatConvolutions.channelTile(positions, in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {ImageOps.channelSum(g, out.input(0).shape().rows().size())};
    }
}
