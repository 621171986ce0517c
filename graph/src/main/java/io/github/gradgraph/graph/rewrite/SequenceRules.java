package io.github.gradgraph.graph.rewrite;

import static io.github.gradgraph.graph.rewrite.Patterns.is;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.MatMul;
import io.github.gradgraph.graph.ops.OneHot;
import io.github.gradgraph.graph.ops.SequenceOps;
import java.util.List;

/** Rules of sequence models: a product with one-hot vectors is a lookup. */
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
        }));
}
