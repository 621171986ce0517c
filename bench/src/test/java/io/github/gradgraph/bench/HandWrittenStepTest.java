package io.github.gradgraph.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.TrainingStep;
import io.github.gradgraph.nn.optim.GradientDescent;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The baseline is only a baseline if it computes the same step: three steps of each agree to 1e-12. */
class HandWrittenStepTest {
    @Test
    void handWrittenSteps_equalGradgraphsSteps() {
        for (Workload w : new Workload[] {new Workload("small", new int[] {6, 5, 3, 1}, 37, false),
            new Workload("small-softmax", new int[] {8, 7, 4}, 29, true), Workload.of("planar")}) {
            Network net = new Network(w.spec());
            ParameterStore store = w.parameters(net, 3);
            Map<String, DMatrixRMaj> feeds = w.data(4);
            ParameterStore copy = store.copy();
            double lr = 0.5;
            HandWrittenStep hand = HandWrittenStep.of(w, copy, feeds, lr);
            TrainingStep step = new TrainingStep(net, new GradientDescent(lr));
            for (int t = 0; t < 3; t++) {
                double expected = hand.step();
                double got = step.loss(step.run(feeds, store));
                assertEquals(expected, got, 1e-12 * Math.abs(expected), w.name() + " loss at step " + t);
            }
            for (String name : store.values().keySet()) {
                double[] a = store.get(name).data;
                double[] b = copy.get(name).data;
                for (int i = 0; i < store.get(name).getNumElements(); i++) {
                    assertEquals(b[i], a[i], 1e-12 * (1 + Math.abs(b[i])), w.name() + " " + name + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void workloads_haveThePeersShapes() {
        assertEquals(2 * 400 * (4 * 2 * 2 + 1 * 4 * 3), Workload.of("planar").flops(), 0.0);
        assertEquals(209, Workload.of("cat").m());
        assertEquals(10, Workload.of("mnist").layers()[3]);
    }
}
