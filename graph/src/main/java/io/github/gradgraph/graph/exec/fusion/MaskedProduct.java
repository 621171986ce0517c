package io.github.gradgraph.graph.exec.fusion;

import io.github.gradgraph.core.FloatFusedOps;
import io.github.gradgraph.core.FusedOps;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.exec.Step;
import io.github.gradgraph.graph.ops.Mul;
import java.util.List;

/**
 * g ⊙ step(z) → one pass: the textbook's dZ[l] = dA[l] ⊙ g'[l](Z[l]) for relu (step 0/1) and leaky relu (step α/1),
 * without materializing the derivative. Fires when both operands have the product's shape.
 */
public final class MaskedProduct implements FusionRule {
    @Override
    public String name() {
        return "activation derivative ⊙ upstream in one pass";
    }

    @Override
    public Step fuse(Node root, Uses uses) {
        if (!(root.op() instanceof Mul)) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            Node mask = root.input(side);
            Node x = root.input(1 - side);
            if (mask.op() instanceof io.github.gradgraph.graph.ops.Step st && x.shape().equals(root.shape())
                    && mask.shape().equals(root.shape())) {
                double below = st.below();
                double above = st.above();
                return new Step(root, List.of(x, mask.input(0)),
                        (in, out) -> FusedOps.stepProduct(below, above, in[0], in[1], out),
                        (in, out) -> FloatFusedOps.stepProduct((float) below, (float) above, in[0], in[1], out),
                        name());
            }
        }
        return null;
    }
}
