package io.github.gradgraph.graph.rewrite;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Constant;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Primitive;
import io.github.gradgraph.graph.ops.Fill;
import org.ejml.data.DMatrixRMaj;

/** Small matchers the rules share. */
final class Patterns {
    private Patterns() {
    }

    /** @return true when {@code n}'s op is of class {@code type} */
    static boolean is(Node n, Class<? extends Primitive> type) {
        return type.isInstance(n.op());
    }

    /** @return operand {@code i} when {@code n} is a {@code type} node, else null */
    static Node arg(Node n, Class<? extends Primitive> type, int i) {
        return is(n, type) ? n.input(i) : null;
    }

    /** @return the single value of a constant or fill whose elements are all equal, or null */
    static Double uniform(Node n) {
        if (n.op() instanceof Fill) {
            return ((Fill) n.op()).value();
        }
        if (n.op() instanceof Constant) {
            DMatrixRMaj v = ((Constant) n.op()).view();
            double first = v.data[0];
            for (int i = 1; i < v.getNumElements(); i++) {
                if (Double.compare(v.data[i], first) != 0) {
                    return null;
                }
            }
            return first;
        }
        return null;
    }

    /** @return true when {@code n} is a constant or fill of the single value {@code v} */
    static boolean isValue(Node n, double v) {
        Double u = uniform(n);
        return u != null && u == v;
    }

    /** @return true when {@code n} is 1×1 */
    static boolean scalar(Node n) {
        return n.shape().isScalar();
    }

    /** @return true when broadcasting {@code a} with {@code b} gives {@code a}'s shape */
    static boolean keepsShape(Node a, Node b) {
        return a.shape().equals(Shape.broadcast(a.shape(), b.shape()));
    }
}
