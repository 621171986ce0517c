package io.github.gradgraph.graph.ops;

import org.ejml.data.FMatrixRMaj;
import io.github.gradgraph.core.FloatBroadcastOps;
import io.github.gradgraph.core.BroadcastOps;
import io.github.gradgraph.graph.Node;
import org.ejml.data.DMatrixRMaj;

/** a + b, broadcast. ∂/∂a = ∂/∂b = 1. */
public record Add() implements BroadcastBinary {
    @Override
    public String name() {
        return "add";
    }

    @Override
    public String symbol() {
        return "+";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        BroadcastOps.add(in[0], in[1], out);
    }

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FloatBroadcastOps.add(in[0], in[1], out);
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {g, g};
    }
}
