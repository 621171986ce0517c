package io.github.gradgraph.nn;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.graph.ops.SequenceOps;
import io.github.gradgraph.nn.layers.DenseLayer;
import io.github.gradgraph.nn.layers.Layer;
import io.github.gradgraph.nn.layers.LayerContext;
import io.github.gradgraph.nn.layers.RecurrentLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * The graph of a sequence network ({@link Sequence}), unrolled over its T steps: x⟨t⟩ read from row block t of X
 * (or the one-hot of row t of token ids), every dense layer applied at each step on its own, every recurrent layer's
 * cell stepped from its state input a⟨0⟩ (c⟨0⟩) to a⟨T⟩, and J summed over the steps. Names are the course's, with
 * the step in angle brackets: x⟨t⟩, a⟨t⟩, c⟨t⟩, Γf⟨t⟩, z⟨t⟩, ŷ⟨t⟩ (a[l]⟨t⟩ when recurrent layers are stacked).
 */
final class SequenceUnroll {
    /** One layer's nodes at every step. */
    private interface Unrolled {
        List<Node> apply(List<Node> steps, List<Node> masks, Outcome outcome);
    }

    /** What the last layer leaves: logits where it has an activation of its own, and every last state. */
    private static final class Outcome {
        List<Node> logits;
        final List<Node> finalStates = new ArrayList<>();
    }

    private final NetworkSpec spec;
    private final Sequence seq;
    private final Graph graph;
    private final Node x;
    private final Node y;
    private final List<Node> stateInputs = new ArrayList<>();
    private final List<Unrolled> unrolled = new ArrayList<>();
    private final int recurrentLayers;
    private List<Node> finalStates = List.of();
    private final List<Node> oneHotLabels = new ArrayList<>();

    SequenceUnroll(Graph graph, NetworkSpec spec, Sequence seq) {
        this.graph = graph;
        this.spec = spec;
        this.seq = seq;
        int t = seq.steps();
        x = seq.tokens() ? graph.input("X", t, Dim.M) : graph.input("X", t * spec.input().size(), Dim.M);
        y = seq.tokens() ? graph.input("Y", t, Dim.M) : graph.input("Y", t * spec.outputs(), Dim.M);
        recurrentLayers = (int) spec.stack().stream().filter(RecurrentLayer.class::isInstance).count();
    }

    Node input() {
        return x;
    }

    Node labels() {
        return y;
    }

    /** @return a⟨0⟩ (and c⟨0⟩) of each recurrent layer, in layer order */
    List<Node> stateInputs() {
        return stateInputs;
    }

    /** @return a⟨T⟩ (and c⟨T⟩) of each recurrent layer, in the order of {@link #stateInputs()} */
    List<Node> finalStates() {
        return finalStates;
    }

    /** @return y⟨t⟩ of every step, one-hot (token ids only; all zero where a position is padding) */
    List<Node> oneHotLabels() {
        return oneHotLabels;
    }

    /** Declares layer {@code c.position()}'s parameters and keeps what builds its steps. */
    void declare(Layer layer, LayerContext c) {
        if (layer instanceof RecurrentLayer r) {
            String suffix = recurrentLayers == 1 ? "" : Integer.toString(c.number());
            String prefix = recurrentLayers == 1 ? "" : "[" + c.number() + "]";
            RecurrentLayer.Cell cell = r.cell(c, suffix);
            List<Node> initial = new ArrayList<>();
            for (String s : r.states()) {
                initial.add(graph.input(s + prefix + "⟨0⟩", r.units(), Dim.M));
            }
            stateInputs.addAll(initial);
            unrolled.add((steps, masks, outcome) -> {
                List<Node> state = initial;
                List<Node> out = new ArrayList<>();
                for (int t = 0; t < steps.size(); t++) {
                    List<Node> next = cell.step(steps.get(t), state, prefix + "⟨" + (t + 1) + "⟩");
                    if (masks != null) { // padding keeps the state: s + mask ⊙ (s' − s)
                        List<Node> kept = new ArrayList<>();
                        for (int k = 0; k < next.size(); k++) {
                            kept.add(Ops.add(state.get(k), Ops.mul(masks.get(t), Ops.sub(next.get(k), state.get(k))))
                                    .named(next.get(k).label()));
                        }
                        next = kept;
                    }
                    state = next;
                    out.add(next.get(0));
                }
                outcome.finalStates.addAll(state);
                outcome.logits = out;
                return out;
            });
        } else if (layer instanceof DenseLayer d) {
            boolean last = c.next() == null;
            List<Layer> stack = spec.stack();
            Layer before = c.position() >= 2 ? stack.get(c.position() - 2) : null;
            int l = c.number();
            List<String> names = last && before instanceof RecurrentLayer r ? r.outputNames()
                    : List.of("W" + l, "b" + l);
            Node w = c.weight(names.get(0), d.units(), c.in().size());
            Node b = c.bias(names.get(1), d.units());
            String z = last ? "z" : "z[" + l + "]";
            String a = last ? "ŷ" : "a[" + l + "]";
            unrolled.add((steps, masks, outcome) -> {
                List<Node> logits = new ArrayList<>();
                List<Node> out = new ArrayList<>();
                for (int t = 0; t < steps.size(); t++) {
                    Node zt = Ops.add(Ops.matmul(w, steps.get(t)), b).named(z + "⟨" + (t + 1) + "⟩");
                    logits.add(zt);
                    out.add(d.activation().apply(zt).named(a + "⟨" + (t + 1) + "⟩"));
                }
                outcome.logits = logits;
                return out;
            });
        } else {
            throw new IllegalArgumentException("a sequence network takes dense and recurrent layers (rnnN, lstmN, "
                    + "gruN), applied at every step; '" + layer.text() + "' is neither");
        }
    }

    /**
     * Builds the unrolled nodes and J.
     *
     * @return the output Ŷ (every step's output stacked, as Y is laid out), J without the L2 term
     */
    Node[] build(LossFunction loss) {
        int steps = seq.steps();
        int nx = spec.input().size();
        int ny = spec.outputs();
        Node valid = seq.tokens() ? Ops.step(Ops.shift(y, 0.5)) : null; // 1 where Y holds a token, 0 at padding
        List<Node> xs = new ArrayList<>();
        List<Node> masks = seq.masked() ? new ArrayList<>() : null;
        for (int t = 0; t < steps; t++) {
            Node xt = seq.tokens() ? SequenceOps.oneHot(SequenceOps.rowSlice(x, t, 1), nx)
                    : SequenceOps.rowSlice(x, t * nx, nx);
            xs.add(xt.named("x⟨" + (t + 1) + "⟩"));
            if (masks != null) {
                masks.add(SequenceOps.rowSlice(valid, t, 1));
            }
        }
        Outcome outcome = new Outcome();
        List<Node> current = xs;
        for (Unrolled u : unrolled) {
            current = u.apply(current, masks, outcome);
        }
        finalStates = List.copyOf(outcome.finalStates);
        Node total = null;
        for (int t = 0; t < steps; t++) {
            Node yt = (seq.tokens() ? SequenceOps.oneHot(SequenceOps.rowSlice(y, t, 1), ny)
                    : SequenceOps.rowSlice(y, t * ny, ny)).named("y⟨" + (t + 1) + "⟩");
            if (seq.tokens()) {
                oneHotLabels.add(yt);
            }
            Node jt = loss.build(outcome.logits.get(t), current.get(t), yt);
            if (jt == null || !jt.shape().isScalar()) {
                throw new IllegalArgumentException("the loss at each step must be a 1×1 node, got "
                        + (jt == null ? "null" : jt.describe()) + "; reduce it with mean or sum");
            }
            total = total == null ? jt : Ops.add(total, jt);
        }
        Node dataLoss;
        if (seq.sum()) {
            dataLoss = total;
        } else if (seq.tokens()) { // Σ over steps of per-step means over m, times m over the tokens counted
            dataLoss = Ops.div(Ops.mul(total, Ops.size(x, 1)), Ops.sum(valid));
        } else {
            dataLoss = Ops.scale(total, 1.0 / steps);
        }
        Node output = (steps == 1 ? current.get(0) : SequenceOps.rowConcat(current.toArray(new Node[0])))
                .named("Ŷ");
        return new Node[] {output, dataLoss};
    }
}
