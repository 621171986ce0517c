package io.github.gradgraph.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.graph.check.GradientChecker;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Program;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.Sequence;
import io.github.gradgraph.nn.SequenceTrainer;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.Safetensors;
import io.github.gradgraph.nn.optim.GradientDescent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every recurrent layer promises, on a small character model that holds it (V = 4 tokens in and out): its text
 * reads back, its parameters carry the course's names, backpropagation through time matches central differences (J
 * summed over steps and averaged over tokens, from a given state a⟨0⟩, and to second order), float32 training
 * follows float64, padding a batch changes neither J, the gradients nor the last state, a stateful carry equals one
 * long unrolled sequence, and a checkpoint loads back to the same outputs.
 */
abstract class SequenceLayerContract {
    static final int V = 4;

    /** @return the layer under test */
    abstract RecurrentLayer layer();

    /** @return its parameters' names and shapes (rows, cols) for n_x = V, in declaration order */
    abstract Map<String, int[]> parameters();

    @TempDir
    Path dir;

    NetworkSpec spec() {
        return NetworkSpec.parse(V + ", " + layer().text() + ", " + V + " softmax", Activation.TANH, null,
                LossKind.SOFTMAX_CROSS_ENTROPY, 0);
    }

    private static DMatrixRMaj ids(Random r, int steps, int m, boolean first) {
        DMatrixRMaj x = new DMatrixRMaj(steps, m);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = first && i < m ? -1 : r.nextInt(V);
        }
        return x;
    }

    private static Map<String, DMatrixRMaj> feeds(Network net, long seed, boolean states) {
        Random r = new Random(seed);
        int steps = net.sequence().steps();
        int m = 3;
        Map<String, DMatrixRMaj> f = new HashMap<>();
        f.put("X", ids(r, steps, m, true));
        f.put("Y", ids(r, steps, m, false));
        for (Node s : net.stateInputs()) {
            DMatrixRMaj v = new DMatrixRMaj(s.shape().rows().size(), m);
            for (int i = 0; states && i < v.data.length; i++) {
                v.data[i] = 0.5 * r.nextGaussian();
            }
            f.put(s.label(), v);
        }
        return f;
    }

    private Network started(Sequence shape, ParameterStore store) {
        Network net = new Network(spec(), shape);
        Initializer.XAVIER.initialize(net, store, 5);
        return net;
    }

    @Test
    void itsText_readsBackAsItself() {
        Layer parsed = null;
        for (LayerKind k : LayerKinds.all()) {
            parsed = parsed != null ? parsed : k.parse(layer().text());
        }
        assertEquals(layer(), parsed);
        assertEquals(spec(), NetworkSpec.parse(spec().text(), Activation.TANH, null, LossKind.SOFTMAX_CROSS_ENTROPY,
                0));
        assertTrue(spec().recurrent());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.parse("4x4x1, " + layer().text() + ", 2", Activation.TANH, null, null, 0));
        assertTrue(e.getMessage().contains("layer 1 '" + layer().text() + "'") && e.getMessage().contains("image"),
                e.getMessage());
    }

    @Test
    void itsParameters_carryTheCourseNames() {
        Network net = started(Sequence.tokens(2), new ParameterStore());
        Map<String, int[]> seen = new java.util.LinkedHashMap<>();
        for (Node p : net.parameters()) {
            seen.put(p.label(), new int[] {p.shape().rows().size(), p.shape().cols().size()});
        }
        assertEquals(List.copyOf(parameters().keySet()), List.copyOf(seen.keySet()));
        parameters().forEach((name, shape) -> assertArrayEquals(shape, seen.get(name), name));
        assertEquals(layer().states().size(), net.stateInputs().size());
        assertEquals(net.stateInputs().size(), net.finalStates().size());
    }

    @Test
    void backpropagationThroughTime_matchesFiniteDifferences() {
        for (Sequence shape : List.of(Sequence.tokens(4), Sequence.tokens(3).summed(true))) {
            ParameterStore store = new ParameterStore();
            Network net = started(shape, store);
            GradCheckReport r = GradientChecker.defaults().check(net.loss(), net.parameters(), feeds(net, 3, true),
                    store);
            assertTrue(r.passed(), r::table);
            assertTrue(r.table().contains(net.parameters().get(0).label()));
        }
    }

    @Test
    void itsSecondDerivatives_matchFiniteDifferences() {
        ParameterStore store = new ParameterStore();
        Network net = started(Sequence.tokens(3), store);
        Map<String, DMatrixRMaj> feeds = feeds(net, 4, true);
        List<Node> grads = Autodiff.gradients(net.loss(), net.parameters());
        Node directional = null; // ⟨v, ∂J/∂θ⟩: its gradient is the Hessian times v
        Random r = new Random(9);
        for (int i = 0; i < grads.size(); i++) {
            Node p = net.parameters().get(i);
            Node v = net.graph().input("V_" + p.label(), p.shape());
            DMatrixRMaj value = new DMatrixRMaj(v.shape().rows().size(), v.shape().cols().size());
            for (int k = 0; k < value.data.length; k++) {
                value.data[k] = r.nextGaussian();
            }
            feeds.put(v.label(), value);
            Node term = Ops.sum(Ops.mul(grads.get(i), v));
            directional = directional == null ? term : Ops.add(directional, term);
        }
        GradCheckReport report = GradientChecker.defaults().check(directional, net.parameters(), feeds, store);
        assertTrue(report.passed(), report::table);
    }

    @Test
    void float32Training_followsFloat64() {
        List<double[]> losses = new ArrayList<>();
        for (DType dtype : List.of(DType.F64, DType.F32)) {
            ParameterStore store = new ParameterStore();
            Initializer.XAVIER.initialize(new Network(spec(), Sequence.tokens(1)), store, 5);
            SequenceTrainer trainer = new SequenceTrainer(spec(), Sequence.tokens(1), new GradientDescent(0.5), dtype);
            Random r = new Random(6);
            double[] l = new double[6];
            for (int i = 0; i < l.length; i++) {
                int steps = 3 + i % 3; // three lengths, each compiled once
                l[i] = trainer.train(store, ids(r, steps, 5, true), ids(r, steps, 5, false));
            }
            assertEquals(3, trainer.compiledLengths() - 1, "lengths 3, 4, 5 (and 1, made at the start)");
            losses.add(l);
        }
        for (int i = 0; i < 6; i++) {
            assertEquals(losses.get(0)[i], losses.get(1)[i], 1e-4 * Math.max(1, Math.abs(losses.get(0)[i])),
                    "step " + i);
        }
    }

    /** Two sequences of lengths 2 and 4 in one padded batch give what each gives alone. */
    @Test
    void padding_changesNothing() {
        Sequence shape = Sequence.tokens(4).summed(true).withMask(true);
        Network batch = new Network(spec(), shape);
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{-1, -1}, {2, 1}, {-1, 3}, {-1, 0}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{2, 1}, {0, 3}, {-1, 0}, {-1, 2}});
        List<Node> outs = new ArrayList<>(List.of(batch.loss()));
        outs.addAll(batch.finalStates());
        Values both = run(batch, outs, x, y);
        double[][] alone = new double[2][];
        for (int col = 0; col < 2; col++) {
            int steps = col == 0 ? 2 : 4;
            Network one = new Network(spec(), shape.withSteps(steps).withMask(false));
            List<Node> o = new ArrayList<>(List.of(one.loss()));
            o.addAll(one.finalStates());
            DMatrixRMaj xs = new DMatrixRMaj(steps, 1);
            DMatrixRMaj ys = new DMatrixRMaj(steps, 1);
            for (int t = 0; t < steps; t++) {
                xs.set(t, 0, x.get(t, col));
                ys.set(t, 0, y.get(t, col));
            }
            Values v = run(one, o, xs, ys);
            alone[col] = new double[] {v.scalar(one.loss())};
            for (int k = 0; k < one.finalStates().size(); k++) {
                DMatrixRMaj s = v.get(one.finalStates().get(k));
                DMatrixRMaj sb = both.get(batch.finalStates().get(k));
                for (int i = 0; i < s.numRows; i++) {
                    assertEquals(s.get(i, 0), sb.get(i, col), 1e-14, "last state " + k + " of sequence " + col);
                }
            }
        }
        assertEquals((alone[0][0] + alone[1][0]) / 2, both.scalar(batch.loss()), 1e-13); // J: the mean of the two
        gradientsAreTheMean(shape, x, y);
    }

    private void gradientsAreTheMean(Sequence shape, DMatrixRMaj x, DMatrixRMaj y) {
        Network batch = new Network(spec(), shape);
        List<Node> g = Autodiff.gradients(batch.loss(), batch.parameters());
        Values both = run(batch, g, x, y);
        double[][] sum = new double[g.size()][];
        for (int col = 0; col < 2; col++) {
            int steps = col == 0 ? 2 : 4;
            Network one = new Network(spec(), shape.withSteps(steps).withMask(false));
            List<Node> go = Autodiff.gradients(one.loss(), one.parameters());
            DMatrixRMaj xs = new DMatrixRMaj(steps, 1);
            DMatrixRMaj ys = new DMatrixRMaj(steps, 1);
            for (int t = 0; t < steps; t++) {
                xs.set(t, 0, x.get(t, col));
                ys.set(t, 0, y.get(t, col));
            }
            Values v = run(one, go, xs, ys);
            for (int k = 0; k < go.size(); k++) {
                double[] d = values(v.get(go.get(k)));
                sum[k] = sum[k] == null ? d : add(sum[k], d);
            }
        }
        for (int k = 0; k < g.size(); k++) {
            double[] b = values(both.get(g.get(k)));
            for (int i = 0; i < b.length; i++) {
                assertEquals(sum[k][i] / 2, b[i], 1e-14, "∂J/∂" + batch.parameters().get(k).label() + " entry " + i);
            }
        }
    }

    /** @return a value's elements (a program's buffer may be longer) */
    private static double[] values(DMatrixRMaj m) {
        return java.util.Arrays.copyOf(m.data, m.getNumElements());
    }

    private static double[] add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    private Values run(Network net, List<Node> outputs, DMatrixRMaj x, DMatrixRMaj y) {
        ParameterStore store = new ParameterStore();
        Initializer.XAVIER.initialize(net, store, 5);
        Map<String, DMatrixRMaj> f = new HashMap<>(Map.of("X", x, "Y", y));
        for (Node s : net.stateInputs()) {
            f.put(s.label(), new DMatrixRMaj(s.shape().rows().size(), x.numCols));
        }
        Program p = Compiler.compile(outputs);
        return p.run(f, store);
    }

    /** Three steps, then three more from the carried state, compute what six steps at once compute. */
    @Test
    void aStatefulCarry_equalsOneLongSequence() {
        ParameterStore store = new ParameterStore();
        Network six = started(Sequence.tokens(6).summed(true), store);
        Network three = new Network(spec(), Sequence.tokens(3).summed(true));
        Random r = new Random(12);
        DMatrixRMaj x = ids(r, 6, 2, true);
        DMatrixRMaj y = ids(r, 6, 2, false);
        List<Node> outs = new ArrayList<>(List.of(six.loss()));
        outs.addAll(six.finalStates());
        Values whole = runWith(six, outs, x, y, store, null);
        List<Node> o3 = new ArrayList<>(List.of(three.loss()));
        o3.addAll(three.finalStates());
        DMatrixRMaj x1 = new DMatrixRMaj(3, 2);
        DMatrixRMaj y1 = new DMatrixRMaj(3, 2);
        DMatrixRMaj x2 = new DMatrixRMaj(3, 2);
        DMatrixRMaj y2 = new DMatrixRMaj(3, 2);
        org.ejml.dense.row.CommonOps_DDRM.extract(x, 0, 3, 0, 2, x1, 0, 0);
        org.ejml.dense.row.CommonOps_DDRM.extract(y, 0, 3, 0, 2, y1, 0, 0);
        org.ejml.dense.row.CommonOps_DDRM.extract(x, 3, 6, 0, 2, x2, 0, 0);
        org.ejml.dense.row.CommonOps_DDRM.extract(y, 3, 6, 0, 2, y2, 0, 0);
        Values first = runWith(three, o3, x1, y1, store, null);
        double j1 = first.scalar(three.loss());
        List<DMatrixRMaj> carried = new ArrayList<>();
        three.finalStates().forEach(s -> carried.add(first.get(s).copy()));
        Values second = runWith(three, o3, x2, y2, store, carried);
        assertEquals(whole.scalar(six.loss()), j1 + second.scalar(three.loss()), 1e-12);
        for (int k = 0; k < six.finalStates().size(); k++) {
            assertArrayEquals(values(whole.get(six.finalStates().get(k))),
                    values(second.get(three.finalStates().get(k))), 1e-14);
        }
    }

    private static Values runWith(Network net, List<Node> outputs, DMatrixRMaj x, DMatrixRMaj y,
            ParameterStore store, List<DMatrixRMaj> states) {
        Map<String, DMatrixRMaj> f = new HashMap<>(Map.of("X", x, "Y", y));
        for (int k = 0; k < net.stateInputs().size(); k++) {
            Node s = net.stateInputs().get(k);
            f.put(s.label(), states != null ? states.get(k) : new DMatrixRMaj(s.shape().rows().size(), x.numCols));
        }
        return Compiler.compile(outputs).run(f, store);
    }

    @Test
    void aCheckpoint_loadsBackToTheSameOutputs() {
        ParameterStore store = new ParameterStore();
        Network net = started(Sequence.tokens(3), store);
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(new Checkpoint(spec(), store, null, List.of()), file);
        Checkpoint c = Safetensors.load(file);
        assertEquals(spec(), c.spec());
        Network again = new Network(c.spec(), Sequence.tokens(3));
        Map<String, DMatrixRMaj> f = feeds(net, 8, true);
        DMatrixRMaj before = Compiler.compile(net.output()).run(f, store).get(net.output());
        DMatrixRMaj after = Compiler.compile(again.output()).run(f, c.params()).get(again.output());
        assertArrayEquals(values(before), values(after));
        assertEquals(3 * V, before.numRows);
    }
}
