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
 * The sum of a channels-last batch per channel, over every position and column: (P·C) × n → C × 1, a convolution
 * bias's gradient. Linear: its VJP tiles the upstream gradient back over the positions ({@link ChannelTile}) and spreads
 * that over the columns.
 *
 * @param channels C
 */
public record ChannelSum(int channels) implements Float32Primitive {
    @Override
    public String name() {
        return "channel_sum";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        Node x = inputs.get(0);
        if (x.shape().rows().isSymbolic() || x.shape().rows().size() % channels != 0) {
            throw new ShapeException("channel_sum " + x.describe() + ": rows are not whole positions of " + channels
                    + " channels");
        }
        return Shape.of(channels, 1);
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        Convolutions.channelSum(channels, in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatConvolutions.channelSum(channels, in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        Node x = out.input(0);
        Node tiled = ImageOps.channelTile(g, x.shape().rows().size() / channels);
        return new Node[] {x.shape().cols().isOne() ? tiled : Ops.broadcastTo(tiled, x.shape())};
    }
}
