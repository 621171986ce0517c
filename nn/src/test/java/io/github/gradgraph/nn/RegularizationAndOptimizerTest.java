package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.optim.Optimizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class RegularizationAndOptimizerTest {
    @Test
    void l2Term_derivedGradientIsLambdaOverMTimesW() {
        double lambda = 0.7;
        Network net = new Network(new NetworkSpec(new int[] {2, 5, 3, 1}, Activation.TANH, Activation.SIGMOID,
                LossKind.BCE, lambda));
        ParameterStore store = Initializer.XAVIER.initialize(net, new ParameterStore(), 3);
        var data = Datasets.moons(37, 0.1, 1);
        Map<String, DMatrixRMaj> feeds = Map.of("X", data.x(), "Y", data.targets(1));
        for (int l = 1; l <= 3; l++) {
            Node w = net.weight(l);
            List<Node> g = Autodiff.gradients(net.loss(), w);
            Node gData = Autodiff.gradient(net.dataLoss(), w);
            Values v = Compiler.compile(g.get(0), gData).run(feeds, store);
            DMatrixRMaj wv = store.get(w);
            for (int i = 0; i < wv.getNumElements(); i++) {
                double l2Grad = v.get(g.get(0)).data[i] - v.get(gData).data[i];
                assertEquals(lambda / 37 * wv.data[i], l2Grad, 1e-14, "W" + l + " entry " + i);
            }
            Node gb = Autodiff.gradient(net.loss(), net.bias(l));
            Node gbData = Autodiff.gradient(net.dataLoss(), net.bias(l));
            Values vb = Compiler.compile(gb, gbData).run(feeds, store);
            assertEquals(vb.get(gbData).get(0), vb.get(gb).get(0), 0.0, "biases are not regularized");
        }
    }

    private static double[] twoSteps(String name, double lr, double[] w, double[] g1, double[] g2) {
        Optimizer opt = Optimizers.create(name, lr);
        DMatrixRMaj param = new DMatrixRMaj(1, w.length, true, w.clone());
        opt.step(List.of(param), List.of(new DMatrixRMaj(1, w.length, true, g1)));
        opt.step(List.of(param), List.of(new DMatrixRMaj(1, w.length, true, g2)));
        return param.data;
    }

    @Test
    void optimizers_firstTwoSteps_equalHandComputedUpdates() {
        double w = 1.0;
        double g1 = 0.5;
        double g2 = -0.2;
        double lr = 0.1;
        // gd: w − α·g each step
        assertEquals(w - lr * g1 - lr * g2, twoSteps("gd", lr, new double[] {w}, new double[] {g1},
                new double[] {g2})[0], 1e-15);
        // momentum β = 0.9: v1 = 0.1·g1, v2 = 0.9·v1 + 0.1·g2
        double v1 = 0.1 * g1;
        double v2 = 0.9 * v1 + 0.1 * g2;
        assertEquals(w - lr * v1 - lr * v2, twoSteps("momentum", lr, new double[] {w}, new double[] {g1},
                new double[] {g2})[0], 1e-15);
        // rmsprop β = 0.999, ε = 1e-8
        double s1 = 0.001 * g1 * g1;
        double s2 = 0.999 * s1 + 0.001 * g2 * g2;
        double rms = w - lr * g1 / (Math.sqrt(s1) + 1e-8) - lr * g2 / (Math.sqrt(s2) + 1e-8);
        assertEquals(rms, twoSteps("rmsprop", lr, new double[] {w}, new double[] {g1}, new double[] {g2})[0],
                1e-14);
        // adam β1 = 0.9, β2 = 0.999, ε = 1e-8, bias-corrected; the first step moves by α·g/(|g| + ε), about α
        double m1 = 0.1 * g1;
        double a1 = 0.001 * g1 * g1;
        double step1 = lr * (m1 / 0.1) / (Math.sqrt(a1 / 0.001) + 1e-8);
        double m2 = 0.9 * m1 + 0.1 * g2;
        double a2 = 0.999 * a1 + 0.001 * g2 * g2;
        double c1 = 1 - 0.9 * 0.9;
        double c2 = 1 - 0.999 * 0.999;
        double step2 = lr * (m2 / c1) / (Math.sqrt(a2 / c2) + 1e-8);
        assertEquals(lr, step1, 1e-7);
        assertEquals(w - step1 - step2, twoSteps("adam", lr, new double[] {w}, new double[] {g1},
                new double[] {g2})[0], 1e-14);
    }

    @Test
    void adamAndRmsProp_rejectAnEpsilonThatCannotKeepTheStepFinite() {
        for (double eps : new double[] {0.0, -1e-8, Double.NaN, Double.POSITIVE_INFINITY}) {
            String adam = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new io.github.gradgraph.nn.optim.Adam(0.01, 0.9, 0.999, eps)).getMessage();
            org.junit.jupiter.api.Assertions.assertTrue(adam.startsWith("Adam ε must be a finite number > 0"), adam);
            String rms = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new io.github.gradgraph.nn.optim.RmsProp(0.01, 0.9, eps)).getMessage();
            org.junit.jupiter.api.Assertions.assertTrue(rms.startsWith("RMSProp ε must be a finite number > 0"), rms);
        }
    }
}
