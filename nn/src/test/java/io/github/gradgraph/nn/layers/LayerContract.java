package io.github.gradgraph.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.graph.check.GradientChecker;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.nn.DropoutMasks;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.Predictor;
import io.github.gradgraph.nn.TrainingStep;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.Safetensors;
import io.github.gradgraph.nn.optim.GradientDescent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every kind of layer promises, checked on a small network that contains it: its text reads back as itself, its
 * shape rule refuses what it cannot take with a message naming the layer's position and both shapes, its parameters
 * have their names, shapes and starting values, the derived gradient (and, where the layer is smooth, the gradient of
 * the gradient) matches finite differences in every pass that trains, float32 training follows float64, and a
 * checkpoint holding it loads back to the same predictions. Each kind has one subclass ({@link LayerKindTable}).
 */
abstract class LayerContract {
    /** @return the kind's layer text inside a small network, such as {@code 3, 5 tanh, bn, 1 sigmoid} */
    abstract String network();

    /** @return the layer under test, as it appears in {@link #network()} */
    abstract Layer layer();

    /** @return the parameters and buffers the network stores, name → {rows, cols} */
    abstract Map<String, int[]> stored();

    /** @return a network text whose layer under test cannot take its input, and what the message must say; or null */
    String refused() {
        return null;
    }

    /** @return the parts of that message */
    List<String> refusal() {
        return List.of();
    }

    /** @return whether the layer is smooth, so that second derivatives are checked too */
    boolean smooth() {
        return true;
    }

    @TempDir
    Path dir;

    NetworkSpec spec() {
        return NetworkSpec.parse(network(), io.github.gradgraph.nn.Activation.TANH, null, null, 0.01);
    }

    private static Map<String, DMatrixRMaj> feeds(Network net, int m, long seed) {
        Random r = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(net.spec().input().size(), m);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = r.nextGaussian();
        }
        int k = net.spec().outputs();
        DMatrixRMaj y = new DMatrixRMaj(k, m);
        for (int j = 0; j < m; j++) {
            int c = r.nextInt(Math.max(2, k));
            if (k == 1) {
                y.set(0, j, c);
            } else {
                y.set(c % k, j, 1);
            }
        }
        Map<String, DMatrixRMaj> f = new HashMap<>(Map.of("X", x, "Y", y));
        for (LayerContext.Mask d : net.dropouts()) {
            DMatrixRMaj mask = new DMatrixRMaj(d.node().shape().rows().size(), m);
            DropoutMasks.fill(mask, d.p(), DropoutMasks.key(seed, 0, 1), d.layer(), 0);
            f.put(d.node().label(), mask);
        }
        return f;
    }

    private Network started(ParameterStore store) {
        Network net = new Network(spec());
        Initializer.XAVIER.initialize(net, store, 5);
        return net;
    }

    @Test
    void itsText_readsBackAsItself() {
        NetworkSpec spec = spec();
        assertTrue(spec.stack().contains(layer()), spec.text() + " holds " + layer().text());
        assertEquals(spec, NetworkSpec.parse(spec.text(), spec.hidden(), null, spec.loss(), spec.l2()));
        Layer parsed = null;
        for (LayerKind k : LayerKinds.all()) {
            parsed = parsed != null ? parsed : k.parse(layer().text());
        }
        assertEquals(layer(), parsed, "the kinds read " + layer().text());
    }

    @Test
    void itsShapeRule_namesThePositionAndBothShapes() {
        Assumptions.assumeTrue(refused() != null, layer().text() + " takes any input");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.parse(refused(), io.github.gradgraph.nn.Activation.TANH, null, null, 0));
        for (String part : refusal()) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' says " + part);
        }
    }

    @Test
    void itsParameters_haveTheirNamesShapesAndStarts() {
        ParameterStore store = new ParameterStore();
        Network net = started(store);
        Map<String, int[]> seen = new java.util.LinkedHashMap<>();
        for (Node p : net.stored()) {
            seen.put(p.label(), new int[] {p.shape().rows().size(), p.shape().cols().size()});
            assertNotNull(store.get(p), p.label() + " starts");
        }
        assertEquals(stored().keySet(), seen.keySet());
        stored().forEach((name, shape) -> assertArrayEquals(shape, seen.get(name), name));
        double standardized = 0; // Σ w²/Var over every drawn weight: about their count when Xavier's variance
        int drawn = 0;
        for (LayerContext.Parameter p : net.declaredParameters()) {
            DMatrixRMaj v = store.get(p.node());
            if (p.start() == LayerContext.Start.CONSTANT) {
                for (double d : v.data) {
                    assertEquals(p.value(), d, p.node().label());
                }
            } else {
                double variance = 2.0 / (v.numRows + v.numCols);
                for (double d : v.data) {
                    standardized += d * d / variance;
                    drawn++;
                }
            }
        }
        assertTrue(drawn >= 16 && standardized / drawn > 0.5 && standardized / drawn < 2, "drawn weights: "
                + standardized / drawn + " of Xavier's variance over " + drawn);
        for (LayerContext.Buffer b : net.declaredBuffers()) {
            for (double d : store.get(b.node()).data) {
                assertEquals(b.value(), d, b.node().label());
            }
        }
    }

    @Test
    void itsGradients_matchFiniteDifferences_inEveryTrainingPass() {
        ParameterStore store = new ParameterStore();
        Network net = started(store);
        Map<String, DMatrixRMaj> feeds = feeds(net, 7, 3);
        for (Node j : List.of(net.loss(), net.trainingLoss())) {
            GradCheckReport r = GradientChecker.defaults().check(j, net.parameters(), feeds, store);
            assertTrue(r.passed(), r::table);
            assertFalse(r.table().isBlank());
        }
    }

    @Test
    void itsSecondDerivatives_matchFiniteDifferences() {
        Assumptions.assumeTrue(smooth(), layer().text() + " has kinks");
        ParameterStore store = new ParameterStore();
        Network net = started(store);
        Map<String, DMatrixRMaj> feeds = new HashMap<>(feeds(net, 5, 4));
        List<Node> grads = Autodiff.gradients(net.loss(), net.parameters());
        Node directional = null; // ⟨v, ∂J/∂θ⟩: its gradient is the Hessian times v
        Random r = new Random(9);
        for (int i = 0; i < grads.size(); i++) {
            Node p = net.parameters().get(i);
            String name = "V_" + p.label();
            Node v = net.graph().input(name, p.shape());
            DMatrixRMaj value = new DMatrixRMaj(v.shape().rows().size(), v.shape().cols().size());
            for (int k = 0; k < value.data.length; k++) {
                value.data[k] = r.nextGaussian();
            }
            feeds.put(name, value);
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
            Network net = started(store);
            Map<String, DMatrixRMaj> wide = feeds(net, 16, 6);
            Map<String, org.ejml.data.Matrix> feeds = new HashMap<>();
            feeds.put("X", dtype == DType.F32 ? io.github.gradgraph.core.Precision.toFloat(wide.get("X"))
                    : wide.get("X"));
            feeds.put("Y", dtype == DType.F32 ? io.github.gradgraph.core.Precision.toFloat(wide.get("Y"))
                    : wide.get("Y"));
            TrainingStep step = new TrainingStep(net, new GradientDescent(0.1), dtype);
            double[] l = new double[5];
            for (int i = 0; i < l.length; i++) {
                l[i] = step.loss(step.run(feeds, store, io.github.gradgraph.graph.exec.Checks.FULL, 0, 77L));
            }
            losses.add(l);
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(losses.get(0)[i], losses.get(1)[i], 1e-4 * Math.max(1, Math.abs(losses.get(0)[i])),
                    "step " + i);
        }
        assertTrue(losses.get(0)[4] < losses.get(0)[0], "training lowers J");
    }

    @Test
    void aCheckpoint_loadsBackToTheSamePredictions() throws Exception {
        ParameterStore store = new ParameterStore();
        Network net = started(store);
        Map<String, DMatrixRMaj> feeds = feeds(net, 9, 8);
        TrainingStep step = new TrainingStep(net, new GradientDescent(0.1));
        step.run(feeds, store, io.github.gradgraph.graph.exec.Checks.FULL, 0, 3L); // running statistics move
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(new Checkpoint(net.spec(), store, null, List.of()), file);
        assertTrue(Files.size(file) > 0);
        Checkpoint c = Safetensors.load(file);
        assertEquals(net.spec(), c.spec());
        DMatrixRMaj before = new Predictor(net).predict(store, feeds.get("X"));
        DMatrixRMaj after = new Predictor(c.network()).predict(c.params(), feeds.get("X"));
        assertArrayEquals(before.data, after.data);
    }
}
