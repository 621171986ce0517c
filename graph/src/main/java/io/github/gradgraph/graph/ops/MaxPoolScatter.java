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
 * maxpoolᵀ(A, G): each window's gradient G routed to the input of A that was the window's first maximum — the
 * gradient of {@link MaxPool2d}. Linear in G (∂/∂G = {@link MaxPoolGather maxpool_at}(A, H)); piecewise constant in
 * A, which only chooses (no gradient, a kink where the choice changes).
 *
 * @param geometry the images and the pooling window
 */
public record MaxPoolScatter(ConvGeometry geometry) implements Float32Primitive {
    @Override
    public String name() {
        return "maxpoolᵀ";
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        Node a = inputs.get(0);
        Shape pooled = ImageOps.pooledShape("maxpoolᵀ", a, geometry);
        ImageShapes.checkGradient("maxpoolᵀ", inputs.get(1), pooled.rows().size(), a.shape().cols(),
                "the pooled gradient");
        return a.shape();
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        Pooling.maxPoolScatter(geometry, in[0], in[1], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatPooling.maxPoolScatter(geometry, in[0], in[1], out);
    }

    @Override
    public Node[] vjp(Node out, Node h) {
        return new Node[] {null, ImageOps.maxPoolGather(out.input(0), h, geometry)};
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
