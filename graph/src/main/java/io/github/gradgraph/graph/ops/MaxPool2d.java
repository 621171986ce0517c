package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.core.FloatPooling;
import io.github.gradgraph.core.Pooling;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * The largest value of each window, per channel: (H·W·C) × m → (P·C) × m. Its gradient goes to each window's first
 * maximum ({@link MaxPoolScatter maxpoolᵀ}); a tie between two inputs is a kink, which {@link #branch} reveals.
 *
 * @param geometry the images and the pooling window
 */
public record MaxPool2d(ConvGeometry geometry) implements Float32Primitive {
    @Override
    public String name() {
        return "maxpool";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        return ImageOps.pooledShape("maxpool", inputs.get(0), geometry);
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        Pooling.maxPool(geometry, in[0], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatPooling.maxPool(geometry, in[0], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {ImageOps.maxPoolScatter(out.input(0), g, geometry)};
    }

    @Override
    public long branch(DMatrixRMaj[] in) {
        return Pooling.maxPoolBranch(geometry, in[0]);
    }

    @Override
    public boolean piecewise() {
        return true;
    }
}
