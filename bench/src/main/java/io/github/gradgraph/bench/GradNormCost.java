package io.github.gradgraph.bench;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.nn.GradientClipping;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.TrainingStep;
import io.github.gradgraph.nn.optim.GradientDescent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * What the global gradient norm, taken every training step for the history's grad_norm (and clipping), costs: as a
 * fraction of the step it is part of, and the rate at which it reads the gradients. Step and norm alternate in short
 * slices, round after round; medians and quartiles of the per-round ratios. Usage: {@code java -cp bench/target/benchmarks.jar io.github.gradgraph.bench.GradNormCost [rounds]
 * [workload…]} (default: 9 rounds, mnist).
 */
public final class GradNormCost {
    private GradNormCost() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        String[] names = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[] {"mnist"};
        for (String name : names) {
            Workload w = Workload.of(name);
            var feeds = w.data(2);
            Network net = new Network(w.spec());
            ParameterStore store = Initializer.HE.initialize(net, new ParameterStore(), 1);
            TrainingStep step = new TrainingStep(net, new GradientDescent(Workload.LR));
            Values v = step.run(feeds, store, Checks.SHAPES);
            List<DMatrixRMaj> grads = new ArrayList<>();
            long elements = 0;
            for (Node g : step.gradients()) {
                DMatrixRMaj copy = v.copy(g);
                grads.add(copy);
                elements += copy.getNumElements();
            }
            double[] sink = {0};
            Runnable[] work = {() -> step.run(feeds, store, Checks.SHAPES),
                () -> sink[0] += GradientClipping.globalNorm(grads)};
            for (Runnable r : work) {
                Slices.medianMicros(r, 1.0); // warm up
            }
            double[][] micros = new double[work.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < work.length; k++) {
                    int i = r % 2 == 0 ? k : work.length - 1 - k; // alternate the order
                    micros[i][r] = Slices.medianMicros(work[i], 0.3);
                }
            }
            double[] ofStep = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ofStep[r] = micros[1][r] / micros[0][r];
            }
            Arrays.sort(ofStep);
            double[] norm = micros[1].clone();
            Arrays.sort(norm);
            System.out.printf(Locale.ROOT, "%-6s %,d gradient elements: norm %.1f µs (%.1f GB/s) = %.2f %% of the "
                    + "step (quartiles %.2f–%.2f %%); %d rounds%s%n", name, elements, norm[rounds / 2],
                    elements * 8 / (norm[rounds / 2] * 1e3), 100 * ofStep[rounds / 2], 100 * ofStep[rounds / 4],
                    100 * ofStep[3 * rounds / 4], rounds, Double.isNaN(sink[0]) ? " (a norm was NaN)" : "");
        }
    }
}
