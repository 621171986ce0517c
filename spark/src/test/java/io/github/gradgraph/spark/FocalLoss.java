package io.github.gradgraph.spark;

import static io.github.gradgraph.graph.ops.Ops.add;
import static io.github.gradgraph.graph.ops.Ops.log;
import static io.github.gradgraph.graph.ops.Ops.mul;
import static io.github.gradgraph.graph.ops.Ops.neg;
import static io.github.gradgraph.graph.ops.Ops.oneMinus;
import static io.github.gradgraph.graph.ops.Ops.pow;
import static io.github.gradgraph.graph.ops.Ops.shift;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.nn.LossFunction;

/** A user's own loss as Spark's executors can make it by name: focal loss, γ = 2, a mean over the samples. */
public final class FocalLoss implements LossFunction {
    @Override
    public Node build(Node logits, Node a, Node y) {
        Node pt = add(mul(y, a), mul(oneMinus(y), oneMinus(a)));
        return neg(io.github.gradgraph.graph.ops.Functions.mean(mul(pow(oneMinus(pt), 2), log(shift(pt, 1e-12)))));
    }
}
