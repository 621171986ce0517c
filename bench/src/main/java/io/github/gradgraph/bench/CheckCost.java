package io.github.gradgraph.bench;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.graph.exec.Program;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.TrainingStep;
import io.github.gradgraph.nn.optim.GradientDescent;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * What the default checks of a run cost: the training step's program (J, A[L] and every gradient) run with the
 * outputs scanned for NaN and ∞ ({@link Checks#SHAPES}), with feeds scanned too ({@link Checks#FULL}), and with
 * nothing scanned ({@link Checks#NONE}), alternating in short slices in one process; ratios per round against NONE.
 * Usage: {@code java -cp bench/target/benchmarks.jar io.github.gradgraph.bench.CheckCost [rounds] [workload…]}.
 */
public final class CheckCost {
    private CheckCost() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String[] names = Workload.named(args);
        for (String name : names) {
            Workload w = Workload.of(name);
            Network net = new Network(w.spec());
            ParameterStore store = w.parameters(net, 1);
            Map<String, DMatrixRMaj> feeds = w.data(2);
            Program program = new TrainingStep(net, new GradientDescent(Workload.LR)).program();
            Runnable none = () -> program.run(feeds, store, Checks.NONE);
            Runnable outputs = () -> program.run(feeds, store, Checks.SHAPES);
            Runnable full = () -> program.run(feeds, store, Checks.FULL);
            Slices.medianMicros(none, 1.0);
            Slices.medianMicros(outputs, 1.0);
            Slices.medianMicros(full, 1.0);
            double[] out = new double[rounds];
            double[] all = new double[rounds];
            double[] base = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                base[r] = Slices.medianMicros(none, 0.3);
                double o = Slices.medianMicros(outputs, 0.3);
                double f = Slices.medianMicros(full, 0.3);
                out[r] = o / base[r];
                all[r] = f / base[r];
            }
            Arrays.sort(out);
            Arrays.sort(all);
            Arrays.sort(base);
            System.out.printf(Locale.ROOT, "%-7s unchecked %9.1f µs; outputs checked %.3f× (quartiles %.3f–%.3f); "
                    + "feeds and outputs checked %.3f× (quartiles %.3f–%.3f); medians of %d rounds%n", name,
                    base[rounds / 2], out[rounds / 2], out[rounds / 4], out[3 * rounds / 4], all[rounds / 2],
                    all[rounds / 4], all[3 * rounds / 4], rounds);
        }
    }
}
