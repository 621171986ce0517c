package io.github.gradgraph.graph.exec;

import io.github.gradgraph.graph.Constant;
import io.github.gradgraph.graph.Input;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Parameter;
import io.github.gradgraph.graph.ParameterStore;
import java.util.IdentityHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/** A plain recursive evaluator with a fresh matrix per node: no ordering, no planning, no reuse. */
final class ReferenceEvaluator {
    private final Map<String, DMatrixRMaj> feeds;
    private final ParameterStore store;
    private final int m;
    private final Map<Node, DMatrixRMaj> memo = new IdentityHashMap<>();

    ReferenceEvaluator(Map<String, DMatrixRMaj> feeds, ParameterStore store, int m) {
        this.feeds = feeds;
        this.store = store;
        this.m = m;
    }

    DMatrixRMaj eval(Node node) {
        DMatrixRMaj known = memo.get(node);
        if (known != null) {
            return known;
        }
        DMatrixRMaj value;
        if (node.op() instanceof Input) {
            value = feeds.get(node.label());
        } else if (node.op() instanceof Parameter) {
            value = store.get(node);
        } else if (node.op() instanceof Constant) {
            value = ((Constant) node.op()).value();
        } else {
            DMatrixRMaj[] in = new DMatrixRMaj[node.inputs().size()];
            for (int i = 0; i < in.length; i++) {
                in[i] = eval(node.input(i));
            }
            value = new DMatrixRMaj(node.shape().rows(m), node.shape().cols(m));
            node.op().forward(in, value);
        }
        memo.put(node, value);
        return value;
    }
}
