package io.github.gradgraph.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.graph.ops.SequenceOps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The recurrent layers against PyTorch's {@code nn.RNN}, {@code nn.LSTM} and {@code nn.GRU} (float64, 15 cases from
 * recurrent_reference.py, zero and nonzero starting states): every hidden output a⟨t⟩, the last cell state, the loss
 * L = Σ_t ⟨R⟨t⟩, a⟨t⟩⟩ (+ ⟨Rc, c⟨T⟩⟩) and the derived gradient of every weight, of x and of the starting states.
 */
class RecurrentPyTorchReferenceTest {
    private static RecurrentLayer layer(RecurrentReference.Case c) {
        return switch (c.kind()) {
            case "rnn" -> new RnnLayer(c.na());
            case "lstm" -> new LstmLayer(c.na());
            default -> new GruLayer(c.na());
        };
    }

    @Test
    void everyCase_matchesPyTorch_outputsAndEveryGradient() {
        int compared = 0;
        List<RecurrentReference.Case> cases = RecurrentReference.cases();
        for (RecurrentReference.Case c : cases) {
            Graph g = new Graph();
            RecurrentLayer layer = layer(c);
            LayerContext context = new LayerContext(g, 1, 1, Features.vector(c.nx()), Features.vector(c.na()), null);
            RecurrentLayer.Cell cell = layer.cell(context, "");
            Node x = g.input("x", c.steps() * c.nx(), Dim.M);
            List<Node> state = new ArrayList<>(List.of(g.input("h0", c.na(), Dim.M)));
            if (c.isLstm()) {
                state.add(g.input("c0", c.na(), Dim.M));
            }
            List<Node> starts = List.copyOf(state);
            List<Node> hidden = new ArrayList<>();
            Node rAll = g.input("R", c.steps() * c.na(), Dim.M);
            Node loss = null;
            for (int t = 0; t < c.steps(); t++) {
                state = cell.step(SequenceOps.rowSlice(x, t * c.nx(), c.nx()), state, "⟨" + (t + 1) + "⟩");
                hidden.add(state.get(0));
                Node r = SequenceOps.rowSlice(rAll, t * c.na(), c.na());
                Node term = Ops.sum(Ops.mul(r, state.get(0)));
                loss = loss == null ? term : Ops.add(loss, term);
            }
            if (c.isLstm()) {
                loss = Ops.add(loss, Ops.sum(Ops.mul(g.input("Rc", c.na(), Dim.M), state.get(1))));
            }
            ParameterStore store = new ParameterStore();
            List<Node> vars = new ArrayList<>();
            for (LayerContext.Parameter p : context.parameters()) {
                store.set(p.node(), c.params().get(p.node().label()));
                vars.add(p.node());
            }
            assertEquals(RecurrentReference.PARAMS.get(c.kind()), vars.stream().map(Node::label).toList());
            vars.add(x);
            vars.addAll(starts);
            List<Node> grads = Autodiff.gradients(loss, vars);
            List<Node> outputs = new ArrayList<>(List.of(loss, SequenceOps.rowConcat(hidden.toArray(new Node[0]))));
            outputs.add(state.get(state.size() - 1));
            outputs.addAll(grads);
            Map<String, DMatrixRMaj> feeds = new HashMap<>(Map.of("x", c.x(), "h0", c.h0(), "R", c.r()));
            if (c.isLstm()) {
                feeds.put("c0", c.c0());
                feeds.put("Rc", c.rc());
            }
            Values v = Compiler.compile(outputs).run(feeds, store);
            assertEquals(c.loss(), v.scalar(loss), 1e-12 * Math.max(1, Math.abs(c.loss())), c.name() + " loss");
            compared += close(c.name() + " a⟨t⟩", c.h(), v.get(outputs.get(1)));
            if (c.isLstm()) {
                compared += close(c.name() + " c⟨T⟩", c.cT(), v.get(outputs.get(2)));
            }
            for (int i = 0; i < vars.size(); i++) {
                String name = vars.get(i).label();
                DMatrixRMaj expected = c.grads().get(name);
                assertTrue(expected != null, c.name() + " has a gradient of " + name);
                compared += close(c.name() + " ∂L/∂" + name, expected, v.get(grads.get(i)));
            }
        }
        assertEquals(15, cases.size());
        assertTrue(compared > 2000, "compared " + compared + " values");
    }

    private static int close(String what, DMatrixRMaj expected, DMatrixRMaj actual) {
        assertEquals(expected.numRows, actual.numRows, what + " rows");
        assertEquals(expected.numCols, actual.numCols, what + " columns");
        for (int i = 0; i < expected.getNumElements(); i++) {
            assertEquals(expected.data[i], actual.data[i], 1e-11 * Math.max(1, Math.abs(expected.data[i])),
                    what + " element " + i);
        }
        return expected.getNumElements();
    }
}
