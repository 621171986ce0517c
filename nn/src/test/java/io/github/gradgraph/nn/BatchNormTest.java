package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.graph.check.GradientChecker;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.optim.GradientDescent;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batch normalization: its derived backward pass against the textbook's closed form and against finite differences
 * (orders 1 and 2), its running statistics, and its inference.
 */
class BatchNormTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());

    @BeforeAll
    static void printSeed() {
        System.out.println("BatchNormTest seed " + SEED + " (replay with -Dgradgraph.seed=" + SEED + ")");
    }

    /** J = Σ V ⊙ BN(Z) over a random upstream gradient V, so that ∂J/∂out = V. */
    private record Setup(Graph g, Node z, Node gamma, Node beta, Node j, ParameterStore store, DMatrixRMaj v) {
    }

    private static Setup setup(int n, int m, Random r) {
        Graph g = new Graph();
        Node z = g.parameter("Z", n, m);
        Node gamma = g.parameter("gamma", n, 1);
        Node beta = g.parameter("beta", n, 1);
        DMatrixRMaj v = random(n, m, r, 1);
        Node out = BatchNorm.train(z, gamma, beta, 1).out();
        Node j = Ops.sum(Ops.mul(g.constant(v), out));
        ParameterStore store = new ParameterStore();
        store.set(z, random(n, m, r, 3));
        store.set(gamma, random(n, 1, r, 2));
        store.set(beta, random(n, 1, r, 1));
        return new Setup(g, z, gamma, beta, j, store, v);
    }

    private static DMatrixRMaj random(int rows, int cols, Random r, double scale) {
        DMatrixRMaj x = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = scale * (2 * r.nextDouble() - 1);
        }
        return x;
    }

    @Test
    void derivedBackward_equalsTheTextbooksClosedForm() {
        AtomicInteger ran = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(60).forAll(integers().between(1, 9), integers().between(2, 40))
                .checkAssert((n, m) -> {
                    Setup s = setup(n, m, new Random(SEED + 31L * n + m));
                    List<Node> grads = Autodiff.gradients(s.j(), s.z(), s.gamma(), s.beta());
                    Values got = Compiler.compile(grads).run(Map.of(), s.store());
                    DMatrixRMaj z = s.store().get(s.z());
                    DMatrixRMaj gamma = s.store().get(s.gamma());
                    for (int i = 0; i < n; i++) {
                        // the closed form, row by row (Ioffe & Szegedy 2015; the course's BN backward)
                        double mu = 0;
                        for (int k = 0; k < m; k++) {
                            mu += z.get(i, k);
                        }
                        mu /= m;
                        double var = 0;
                        for (int k = 0; k < m; k++) {
                            var += (z.get(i, k) - mu) * (z.get(i, k) - mu);
                        }
                        var /= m;
                        double sd = Math.sqrt(var + Network.BN_EPS);
                        double[] hat = new double[m];
                        double dGamma = 0;
                        double dBeta = 0;
                        double sumDHat = 0;
                        double sumDHatHat = 0;
                        for (int k = 0; k < m; k++) {
                            hat[k] = (z.get(i, k) - mu) / sd;
                            double dout = s.v().get(i, k);
                            dGamma += dout * hat[k];
                            dBeta += dout;
                            double dHat = dout * gamma.get(i, 0);
                            sumDHat += dHat;
                            sumDHatHat += dHat * hat[k];
                        }
                        assertEquals(dGamma, got.get(grads.get(1)).get(i, 0), 1e-12, "dγ");
                        assertEquals(dBeta, got.get(grads.get(2)).get(i, 0), 1e-12, "dβ");
                        for (int k = 0; k < m; k++) {
                            double dHat = s.v().get(i, k) * gamma.get(i, 0);
                            double dz = (m * dHat - sumDHat - hat[k] * sumDHatHat) / (m * sd);
                            assertEquals(dz, got.get(grads.get(0)).get(i, k), 1e-12, "dZ at " + i + ", " + k
                                    + " (seed " + SEED + ")");
                        }
                    }
                    ran.incrementAndGet();
                });
        assertTrue(ran.get() >= 50, "ran " + ran.get());
    }

    @Test
    void derivedBackward_matchesFiniteDifferences_ordersOneAndTwo() {
        AtomicInteger ran = new AtomicInteger();
        GradientChecker checker = GradientChecker.defaults().withAllclose(1e-7, 1e-6);
        qt().withFixedSeed(SEED ^ 7).withExamples(40).forAll(integers().between(1, 8), integers().between(2, 24))
                .checkAssert((n, m) -> {
                    Random r = new Random(SEED ^ (97L * n + m));
                    Setup s = setup(n, m, r);
                    List<Node> vars = List.of(s.z(), s.gamma(), s.beta());
                    GradCheckReport first = checker.check(s.j(), vars, Map.of(), s.store());
                    assertTrue(first.passed(), () -> "order 1, n=" + n + " m=" + m + " seed " + SEED + "\n"
                            + first.table());
                    Node k = null;
                    for (Node grad : Autodiff.gradients(s.j(), vars)) {
                        Node term = Ops.sum(Ops.mul(s.g().constant(random(grad.shape().rows().size(),
                                grad.shape().cols().size(), r, 1)), grad));
                        k = k == null ? term : Ops.add(k, term);
                    }
                    GradCheckReport second = checker.check(k, vars, Map.of(), s.store());
                    assertTrue(second.passed(), () -> "order 2, n=" + n + " m=" + m + " seed " + SEED + "\n"
                            + second.table());
                    ran.incrementAndGet();
                });
        assertTrue(ran.get() >= 30, "ran " + ran.get()); // QuickTheories skips repeated shapes
    }

    private static final NetworkSpec SPEC = new NetworkSpec(new int[] {2, 5, 4, 1}, Activation.RELU,
            Activation.SIGMOID, LossKind.BCE, 0).withBatchNorm(true);

    @Test
    void network_hasGammaBetaNoHiddenBias_andItsGradientsCheck() {
        Network net = new Network(SPEC);
        assertEquals(List.of("W1", "gamma1", "beta1", "W2", "gamma2", "beta2", "W3", "b3"),
                net.parameters().stream().map(Node::label).toList());
        assertEquals(List.of("running_mean1", "running_var1", "running_mean2", "running_var2"),
                net.buffers().stream().map(Node::label).toList());
        ParameterStore p = Initializer.HE.initialize(net, new ParameterStore(), 3);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, p.get("gamma1").data, 0);
        assertArrayEquals(new double[] {1, 1, 1, 1}, p.get("running_var2").data, 0);
        Dataset data = Datasets.moons(30, 0.2, 1);
        GradCheckReport r = GradientChecker.defaults().check(net.loss(), net.parameters(),
                Map.of("X", data.x(), "Y", data.targets(1)), p);
        assertTrue(r.passed(), r::table);
    }

    @Test
    void trainingStep_updatesTheRunningStatistics_asPyTorch_andInferenceUsesThem() {
        Network net = new Network(SPEC);
        ParameterStore p = Initializer.HE.initialize(net, new ParameterStore(), 4);
        Dataset data = Datasets.moons(25, 0.2, 2);
        DMatrixRMaj w1 = p.get("W1").copy();
        TrainingStep step = new TrainingStep(net, new GradientDescent(0.1));
        step.run(Map.of("X", data.x(), "Y", data.targets(1)), p);
        DMatrixRMaj z1 = new DMatrixRMaj(5, 25);
        org.ejml.dense.row.CommonOps_DDRM.mult(w1, data.x(), z1);
        for (int i = 0; i < 5; i++) {
            double mu = 0;
            for (int k = 0; k < 25; k++) {
                mu += z1.get(i, k);
            }
            mu /= 25;
            double ss = 0;
            for (int k = 0; k < 25; k++) {
                ss += (z1.get(i, k) - mu) * (z1.get(i, k) - mu);
            }
            assertEquals(0.1 * mu, p.get("running_mean1").get(i, 0), 1e-14);
            assertEquals(0.9 + 0.1 * ss / 24, p.get("running_var1").get(i, 0), 1e-14); // unbiased: m − 1
        }
        // inference: (Z − running mean)/√(running var + ε), not the batch's statistics
        Predictor predictor = new Predictor(net);
        DMatrixRMaj one = new DMatrixRMaj(2, 1, true, data.x().get(0, 0), data.x().get(1, 0));
        DMatrixRMaj alone = predictor.predict(p, one);
        DMatrixRMaj inBatch = predictor.predict(p, data.x());
        assertEquals(inBatch.get(0, 0), alone.get(0, 0), 1e-14, "a sample's prediction must not depend on its batch");
        Values check = Compiler.compile(net.output()).run(Map.of("X", data.x()), p);
        assertTrue(Math.abs(check.get(net.output()).get(0, 0) - inBatch.get(0, 0)) > 1e-6,
                "training mode uses the batch's statistics");
    }

    @Test
    void batchOfOne_isRefusedBeforeTraining() {
        Network net = new Network(SPEC);
        ParameterStore p = Initializer.HE.initialize(net, new ParameterStore(), 4);
        ParameterStore before = p.copy();
        Dataset data = Datasets.moons(33, 0.2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(net,
                new GradientDescent(0.1)).fit(p, data, 3, 16, 1, null));
        assertTrue(e.getMessage().contains("33 samples in batches of 16 leave a batch of one"), e.getMessage());
        assertArrayEquals(before.get("W1").data, p.get("W1").data, 0);
        Graph g = new Graph();
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(new int[] {2, 1}, Activation.RELU,
                Activation.SIGMOID, LossKind.BCE, 0).withBatchNorm(true));
        assertTrue(g.nodes().isEmpty());
        assertEquals(Dim.M, net.input().shape().cols());
    }
}
