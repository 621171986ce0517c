package io.github.gradgraph.nn.layers;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.graph.ops.SequenceOps;
import java.util.List;

/**
 * A GRU cell as PyTorch's {@code nn.GRU} computes it, written {@code gruN}; the gates read [a⟨t−1⟩; x⟨t⟩] (hidden
 * rows first), and the candidate keeps its input and hidden parts apart because the reset gate scales only the latter:
 * <pre>
 * Γr⟨t⟩ = σ(Wr·[a⟨t−1⟩; x⟨t⟩] + br)                       reset gate
 * Γz⟨t⟩ = σ(Wz·[a⟨t−1⟩; x⟨t⟩] + bz)                       update gate
 * n⟨t⟩  = tanh(Wnx·x⟨t⟩ + bnx + Γr⟨t⟩ ⊙ (Wna·a⟨t−1⟩ + bna))
 * a⟨t⟩  = (1 − Γz⟨t⟩) ⊙ n⟨t⟩ + Γz⟨t⟩ ⊙ a⟨t−1⟩
 * </pre>
 * Wr = [W_hr | W_ir] and br = b_ir + b_hr in PyTorch's names (likewise z); Wnx = W_in, bnx = b_in, Wna = W_hn,
 * bna = b_hn.
 *
 * @param units n_a ≥ 1
 */
public record GruLayer(int units) implements RecurrentLayer {
    public GruLayer {
        if (units < 1) {
            throw new IllegalArgumentException("a recurrent layer needs at least 1 unit, got " + units);
        }
    }

    @Override
    public String kind() {
        return "gru";
    }

    @Override
    public int gates() {
        return 3;
    }

    @Override
    public List<String> states() {
        return List.of("a");
    }

    @Override
    public Cell cell(LayerContext c, String suffix) {
        int nx = c.in().size();
        Node wr = c.weight("Wr" + suffix, units, units + nx);
        Node br = c.bias("br" + suffix, units);
        Node wz = c.weight("Wz" + suffix, units, units + nx);
        Node bz = c.bias("bz" + suffix, units);
        Node wnx = c.weight("Wnx" + suffix, units, nx);
        Node bnx = c.bias("bnx" + suffix, units);
        Node wna = c.weight("Wna" + suffix, units, units);
        Node bna = c.bias("bna" + suffix, units);
        Node stacked = SequenceOps.rowConcat(wr, wz); // both gates from one product per step
        Node biases = SequenceOps.rowConcat(br, bz);
        return (x, previous, tag) -> {
            Node a = previous.get(0);
            Node gates = Ops.sigmoid(Ops.add(Ops.matmul(stacked, SequenceOps.rowConcat(a, x)), biases));
            Node r = SequenceOps.rowSlice(gates, 0, units).named("Γr" + tag);
            Node z = SequenceOps.rowSlice(gates, units, units).named("Γz" + tag);
            Node hidden = Ops.add(Ops.matmul(wna, a), bna);
            Node n = Ops.tanh(Ops.add(Ops.add(Ops.matmul(wnx, x), bnx), Ops.mul(r, hidden))).named("n" + tag);
            return List.of(Ops.add(n, Ops.mul(z, Ops.sub(a, n))).named("a" + tag));
        };
    }
}
