package io.github.gradgraph.graph.rewrite;

import static io.github.gradgraph.graph.rewrite.Patterns.is;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Input;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.BroadcastTo;
import io.github.gradgraph.graph.ops.MatMul;
import io.github.gradgraph.graph.ops.Neg;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.graph.ops.Size;
import io.github.gradgraph.graph.ops.Sum;
import io.github.gradgraph.graph.ops.Transpose;
import java.util.List;

/**
 * Structural rules: transposes cancelled or folded into transposed-matmul kernels, broadcasts the consumer would do
 * anyway dropped, signs moved out of linear operations, and every count of the batch dimension made one node (m).
 */
final class StructureRules {
    private StructureRules() {
    }

    static final List<Rule> RULES = List.of(
        Rule.of("(xᵀ)ᵀ → x", n -> is(n, Transpose.class) && is(n.input(0), Transpose.class)
                ? n.input(0).input(0) : null),
        Rule.of("matmul(xᵀ, y) → transposed kernel", n -> {
            if (!is(n, MatMul.class)) {
                return null;
            }
            MatMul op = (MatMul) n.op();
            if (is(n.input(0), Transpose.class)) {
                return Ops.matmul(n.input(0).input(0), n.input(1), !op.transA(), op.transB());
            }
            if (is(n.input(1), Transpose.class)) {
                return Ops.matmul(n.input(0), n.input(1).input(0), op.transA(), !op.transB());
            }
            return null;
        }),
        Rule.of("broadcast the consumer does anyway → dropped", n -> {
            if (n.inputs().size() != 2 || !(n.op() instanceof io.github.gradgraph.graph.ops.Add
                    || n.op() instanceof io.github.gradgraph.graph.ops.Sub
                    || n.op() instanceof io.github.gradgraph.graph.ops.Mul
                    || n.op() instanceof io.github.gradgraph.graph.ops.Div)) {
                return null;
            }
            for (int i = 0; i < 2; i++) {
                Node b = n.input(i);
                Node other = n.input(1 - i);
                if (is(b, BroadcastTo.class) && n.shape().equals(Shape.broadcast(b.input(0).shape(), other.shape()))) {
                    Node[] in = {n.input(0), n.input(1)};
                    in[i] = b.input(0);
                    return n.graph().apply(n.op(), in);
                }
            }
            return null;
        }),
        Rule.of("broadcast to its own shape → x", n -> is(n, BroadcastTo.class)
                && n.input(0).shape().equals(n.shape()) ? n.input(0) : null),
        Rule.of("linear(−x) → −linear(x)", n -> {
            if (is(n, Sum.class) && is(n.input(0), Neg.class)) {
                return Ops.neg(n.graph().apply(n.op(), n.input(0).input(0)));
            }
            if ((is(n, Transpose.class) || is(n, BroadcastTo.class)) && is(n.input(0), Neg.class)) {
                return Ops.neg(n.graph().apply(n.op(), n.input(0).input(0)));
            }
            if (is(n, MatMul.class) && (is(n.input(0), Neg.class) || is(n.input(1), Neg.class))) {
                boolean a = is(n.input(0), Neg.class);
                boolean b = is(n.input(1), Neg.class);
                Node inner = n.graph().apply(n.op(), a ? n.input(0).input(0) : n.input(0),
                        b ? n.input(1).input(0) : n.input(1));
                return a ^ b ? Ops.neg(inner) : inner;
            }
            return null;
        }),
        Rule.of("count of the batch dimension → m", StructureRules::canonicalBatch));

    /** Every {@code size} that counts exactly the batch dimension becomes the size of the graph's first batch input. */
    private static Node canonicalBatch(Node n) {
        if (!is(n, Size.class)) {
            return null;
        }
        int axis = ((Size) n.op()).axis();
        Shape s = n.input(0).shape();
        Dim counted = axis == 0 ? s.rows() : axis == 1 ? s.cols()
                : s.rows().isOne() ? s.cols() : s.cols().isOne() ? s.rows() : null;
        if (counted == null || !counted.isSymbolic()) {
            return null;
        }
        for (Node leaf : n.graph().leaves().values()) {
            if (leaf.op() instanceof Input) {
                Shape ls = leaf.shape();
                int canonicalAxis = ls.cols().isSymbolic() ? 1 : ls.rows().isSymbolic() ? 0 : -2;
                if (canonicalAxis >= 0) {
                    return leaf == n.input(0) && canonicalAxis == axis ? null : Ops.size(leaf, canonicalAxis);
                }
            }
        }
        return null;
    }
}
