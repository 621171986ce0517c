package io.github.gradgraph.graph.rewrite;

import io.github.gradgraph.graph.Constant;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Fill;
import org.ejml.data.DMatrixRMaj;

/** Evaluates an operation whose operands are all constants (of fixed shape) once, now, into a constant. */
final class ConstantFolding {
    private static final int MAX_ELEMENTS = 1 << 16;

    static final Rule RULE = Rule.of("constant folding", ConstantFolding::fold);

    private ConstantFolding() {
    }

    private static Node fold(Node n) {
        if (n.inputs().isEmpty() || !n.shape().isFixed()) {
            return null;
        }
        DMatrixRMaj[] in = new DMatrixRMaj[n.inputs().size()];
        for (int i = 0; i < in.length; i++) {
            Node x = n.input(i);
            if (x.op() instanceof Constant) {
                in[i] = ((Constant) x.op()).view();
            } else if (x.op() instanceof Fill && x.shape().isFixed()) {
                in[i] = new DMatrixRMaj(x.shape().rows().size(), x.shape().cols().size());
                in[i].fill(((Fill) x.op()).value());
            } else {
                return null;
            }
        }
        int rows = n.shape().rows().size();
        int cols = n.shape().cols().size();
        if ((long) rows * cols > MAX_ELEMENTS) {
            return null;
        }
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        n.op().forward(in, out);
        return n.graph().constant(out);
    }
}
