package io.github.gradgraph.nn.layers;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.graph.ops.SequenceOps;
import java.util.List;

/**
 * The course's LSTM cell, written {@code lstmN}. Every gate reads [a⟨t−1⟩; x⟨t⟩] (hidden rows first) through a W of
 * n_a × (n_a + n_x) and a bias n_a × 1:
 * <pre>
 * Γf⟨t⟩ = σ(Wf·[a⟨t−1⟩; x⟨t⟩] + bf)      forget gate
 * Γi⟨t⟩ = σ(Wi·[a⟨t−1⟩; x⟨t⟩] + bi)      update gate (the course's Γu)
 * c̃⟨t⟩  = tanh(Wc·[a⟨t−1⟩; x⟨t⟩] + bc)
 * Γo⟨t⟩ = σ(Wo·[a⟨t−1⟩; x⟨t⟩] + bo)      output gate
 * c⟨t⟩  = Γf⟨t⟩ ⊙ c⟨t−1⟩ + Γi⟨t⟩ ⊙ c̃⟨t⟩
 * a⟨t⟩  = Γo⟨t⟩ ⊙ tanh(c⟨t⟩)
 * </pre>
 * PyTorch's {@code nn.LSTM} with its gates i, f, g, o mapped to Wi, Wf, Wc, Wo, its W_hh columns first and each bias
 * b_ih + b_hh. Followed by a model's output layer, that layer is ŷ⟨t⟩ = softmax(Wy·a⟨t⟩ + by). The four gates come
 * from one product per step, [Wf; Wi; Wc; Wo]·[a⟨t−1⟩; x⟨t⟩], sliced: a fourth of the products, each four times as
 * tall, which the BLAS runs at a better rate (and, past its threshold, on every core).
 *
 * @param units n_a ≥ 1
 */
public record LstmLayer(int units) implements RecurrentLayer {
    public LstmLayer {
        if (units < 1) {
            throw new IllegalArgumentException("a recurrent layer needs at least 1 unit, got " + units);
        }
    }

    @Override
    public String kind() {
        return "lstm";
    }

    @Override
    public int gates() {
        return 4;
    }

    @Override
    public List<String> states() {
        return List.of("a", "c");
    }

    @Override
    public Cell cell(LayerContext c, String suffix) {
        int cols = units + c.in().size();
        Node wf = c.weight("Wf" + suffix, units, cols);
        Node bf = c.bias("bf" + suffix, units);
        Node wi = c.weight("Wi" + suffix, units, cols);
        Node bi = c.bias("bi" + suffix, units);
        Node wc = c.weight("Wc" + suffix, units, cols);
        Node bc = c.bias("bc" + suffix, units);
        Node wo = c.weight("Wo" + suffix, units, cols);
        Node bo = c.bias("bo" + suffix, units);
        Node stacked = SequenceOps.rowConcat(wf, wi, wc, wo);
        Node biases = SequenceOps.rowConcat(bf, bi, bc, bo);
        return (x, previous, tag) -> {
            Node concat = SequenceOps.rowConcat(previous.get(0), x);
            Node gates = Ops.add(Ops.matmul(stacked, concat), biases);
            Node f = Ops.sigmoid(SequenceOps.rowSlice(gates, 0, units)).named("Γf" + tag);
            Node i = Ops.sigmoid(SequenceOps.rowSlice(gates, units, units)).named("Γi" + tag);
            Node candidate = Ops.tanh(SequenceOps.rowSlice(gates, 2 * units, units)).named("c̃" + tag);
            Node o = Ops.sigmoid(SequenceOps.rowSlice(gates, 3 * units, units)).named("Γo" + tag);
            Node cell = Ops.add(Ops.mul(f, previous.get(1)), Ops.mul(i, candidate)).named("c" + tag);
            Node a = Ops.mul(o, Ops.tanh(cell)).named("a" + tag);
            return List.of(a, cell);
        };
    }
}
