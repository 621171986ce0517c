package io.github.gradgraph.nn.layers;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Ops;
import java.util.List;

/**
 * The course's basic RNN cell, written {@code rnnN}: a⟨t⟩ = tanh(Wax·x⟨t⟩ + Waa·a⟨t−1⟩ + b), with Wax n_a × n_x,
 * Waa n_a × n_a and b n_a × 1 (PyTorch's {@code nn.RNN} with b = b_ih + b_hh). Followed by a model's output
 * layer, that layer is ŷ⟨t⟩ = softmax(Wya·a⟨t⟩ + by).
 *
 * @param units n_a ≥ 1
 */
public record RnnLayer(int units) implements RecurrentLayer {
    public RnnLayer {
        if (units < 1) {
            throw new IllegalArgumentException("a recurrent layer needs at least 1 unit, got " + units);
        }
    }

    @Override
    public String kind() {
        return "rnn";
    }

    @Override
    public int gates() {
        return 1;
    }

    @Override
    public List<String> states() {
        return List.of("a");
    }

    @Override
    public List<String> outputNames() {
        return List.of("Wya", "by");
    }

    @Override
    public Cell cell(LayerContext c, String suffix) {
        Node wax = c.weight("Wax" + suffix, units, c.in().size());
        Node waa = c.weight("Waa" + suffix, units, units);
        Node b = c.bias("b" + suffix, units);
        return (x, previous, tag) -> List.of(Ops.tanh(Ops.add(Ops.add(Ops.matmul(wax, x),
                Ops.matmul(waa, previous.get(0))), b)).named("a" + tag));
    }
}
