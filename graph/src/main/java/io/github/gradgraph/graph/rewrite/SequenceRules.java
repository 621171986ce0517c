package io.github.gradgraph.graph.rewrite;

import static io.github.gradgraph.graph.rewrite.Patterns.is;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Add;
import io.github.gradgraph.graph.ops.MatMul;
import io.github.gradgraph.graph.ops.OneHot;
import io.github.gradgraph.graph.ops.RowConcat;
import io.github.gradgraph.graph.ops.RowPlace;
import io.github.gradgraph.graph.ops.SequenceOps;
import java.util.List;

/**
 * Rules of sequence models: a product with one-hot vectors is a lookup, and the gradient of slices of one stacked
 * product is one concatenation, not a sum of zero-padded pieces.
 */
final class SequenceRules {
    private SequenceRules() {
    }

    static final List<Rule> RULES = List.of(
        // W·x⟨t⟩ with x⟨t⟩ = onehot(ids): the columns of W the ids name, without the n·V·m multiply-adds; the
        // gradient becomes a scatter-add of dZ into the columns read, not the product dZ·x⟨t⟩ᵀ
        Rule.of("matmul(W, onehot(ids)) → gather(W, ids)", n -> {
            if (!is(n, MatMul.class) || ((MatMul) n.op()).transA() || ((MatMul) n.op()).transB()
                    || !is(n.input(1), OneHot.class)) {
                return null;
            }
            Node ids = n.input(1).input(0);
            return ids.shape().rows().size() == 1 ? SequenceOps.gather(n.input(0), ids) : null;
        }),
        // the gradient of gates sliced from one stacked product (an LSTM's Γf, Γi, c̃, Γo) is a sum of slices placed
        // in zeros; adjacent ones are one concatenation placed once, and a placement that fills every row is itself
        Rule.of("placed rows + adjacent placed rows → placed concatenation", n -> {
            if (!is(n, Add.class) || !is(n.input(0), RowPlace.class) || !is(n.input(1), RowPlace.class)
                    || !n.input(0).shape().equals(n.input(1).shape())) {
                return null;
            }
            RowPlace a = (RowPlace) n.input(0).op();
            RowPlace b = (RowPlace) n.input(1).op();
            int rowsA = n.input(0).input(0).shape().rows().size();
            int rowsB = n.input(1).input(0).shape().rows().size();
            if (a.from() + rowsA == b.from()) {
                return SequenceOps.rowPlace(SequenceOps.rowConcat(n.input(0).input(0), n.input(1).input(0)),
                        a.from(), a.total());
            }
            if (b.from() + rowsB == a.from()) {
                return SequenceOps.rowPlace(SequenceOps.rowConcat(n.input(1).input(0), n.input(0).input(0)),
                        b.from(), b.total());
            }
            return null;
        }),
        Rule.of("rows placed in all the rows → x", n -> is(n, RowPlace.class) && ((RowPlace) n.op()).from() == 0
                && n.input(0).shape().rows().size() == ((RowPlace) n.op()).total() ? n.input(0) : null),
        Rule.of("[[a; b]; c] → [a; b; c]", n -> {
            if (!is(n, RowConcat.class)) {
                return null;
            }
            java.util.List<Node> parts = new java.util.ArrayList<>();
            boolean nested = false;
            for (Node in : n.inputs()) {
                if (is(in, RowConcat.class)) {
                    parts.addAll(in.inputs());
                    nested = true;
                } else {
                    parts.add(in);
                }
            }
            return nested ? SequenceOps.rowConcat(parts.toArray(new Node[0])) : null;
        }));
}
