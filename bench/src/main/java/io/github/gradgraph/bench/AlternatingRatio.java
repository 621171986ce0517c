package io.github.gradgraph.bench;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.TrainingStep;
import io.github.gradgraph.nn.optim.GradientDescent;
import io.github.gradgraph.core.MatMul;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The autodiff tax measured so that machine drift cancels: gradgraph's step, the hand-written step over the same
 * kernels and the step's matrix products alone alternate in short slices within one process, and the ratios are
 * taken per round: gradgraph / hand-written, and the step's FLOP rate against its products' own (the GEMM-bound
 * limit). Complements JMH, whose benchmarks run one after the other. Usage: {@code java -cp bench/target/benchmarks.jar io.github.gradgraph.bench.AlternatingRatio
 * [rounds] [workload…]}.
 */
public final class AlternatingRatio {
    private AlternatingRatio() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String[] names = Workload.named(args);
        for (String name : names) {
            Workload w = Workload.of(name);
            Network net = new Network(w.spec());
            ParameterStore store = w.parameters(net, 1);
            Map<String, DMatrixRMaj> feeds = w.data(2);
            TrainingStep step = new TrainingStep(net, new GradientDescent(Workload.LR));
            HandWrittenStep hand = HandWrittenStep.of(w, store.copy(), feeds, Workload.LR);
            List<GemmRates.Product> products = GemmRates.products(w);
            Runnable g = () -> step.run(feeds, store, Checks.SHAPES);
            Runnable h = hand::step;
            Runnable p = () -> GemmRates.runAll(MatMul.backend(), products);
            slice(g, 1.0);
            slice(h, 1.0);
            slice(p, 0.5);
            double[] ratios = new double[rounds];
            double[] rates = new double[rounds];
            double[] gs = new double[rounds];
            double[] hs = new double[rounds];
            double[] ps = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                boolean gFirst = r % 2 == 0;
                double a = slice(gFirst ? g : h, 0.4);
                ps[r] = slice(p, 0.2);
                double b = slice(gFirst ? h : g, 0.4);
                gs[r] = gFirst ? a : b;
                hs[r] = gFirst ? b : a;
                ratios[r] = gs[r] / hs[r];
                rates[r] = ps[r] / gs[r];
            }
            Arrays.sort(ratios);
            Arrays.sort(rates);
            Arrays.sort(gs);
            Arrays.sort(hs);
            Arrays.sort(ps);
            double gemmFlops = products.stream().mapToDouble(GemmRates.Product::flops).sum();
            System.out.printf(Locale.ROOT, "%-7s gradgraph %9.1f µs  hand-written %9.1f µs  ratio %.3f (quartiles "
                    + "%.3f–%.3f); %.1f GFLOP/s, its products alone %.1f µs at %.1f GFLOP/s: step rate %.0f%% of "
                    + "the products' (quartiles %.0f–%.0f%%); medians of %d alternating rounds%n", name,
                    gs[rounds / 2], hs[rounds / 2], ratios[rounds / 2], ratios[rounds / 4], ratios[3 * rounds / 4],
                    w.flops() / (gs[rounds / 2] * 1e3), ps[rounds / 2], gemmFlops / (ps[rounds / 2] * 1e3),
                    100 * rates[rounds / 2], 100 * rates[rounds / 4], 100 * rates[3 * rounds / 4], rounds);
        }
    }

    private static double slice(Runnable f, double seconds) {
        return Slices.medianMicros(f, seconds);
    }
}
