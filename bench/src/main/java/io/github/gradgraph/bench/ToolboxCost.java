package io.github.gradgraph.bench;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.DropoutMasks;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.TrainingStep;
import io.github.gradgraph.nn.optim.GradientDescent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * What the prototyping toolbox costs per training step, as ratios to the plain step of the same workload measured in
 * the same process: batch norm, dropout, both, clipping, and GELU or SiLU in place of relu. The variants alternate in
 * short slices, round after round, so that machine drift cancels; medians and quartiles of the per-round ratios.
 * Usage: {@code java -cp bench/target/benchmarks.jar io.github.gradgraph.bench.ToolboxCost [rounds] [workload…]}
 * (default: 9 rounds, mnist).
 */
public final class ToolboxCost {
    private ToolboxCost() {
    }

    private record Variant(String name, Runnable step) {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        String[] names = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[] {"mnist"};
        for (String name : names) {
            Workload w = Workload.of(name);
            Map<String, DMatrixRMaj> feeds = w.data(2);
            NetworkSpec plain = w.spec();
            List<Variant> variants = new ArrayList<>();
            variants.add(variant("plain", plain, feeds, 0));
            variants.add(variant("batch norm", plain.withBatchNorm(true), feeds, 0));
            variants.add(variant("dropout 0.2", plain.withDropout(0.2), feeds, 0));
            variants.add(variant("batch norm + dropout", plain.withBatchNorm(true).withDropout(0.2), feeds, 0));
            variants.add(variant("clip-norm", plain, feeds, 1e-3));
            variants.add(variant("gelu", with(plain, Activation.GELU), feeds, 0));
            variants.add(variant("silu", with(plain, Activation.SILU), feeds, 0));
            for (Variant v : variants) {
                Slices.medianMicros(v.step(), 1.0); // warm up
            }
            double[][] micros = new double[variants.size()][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < variants.size(); k++) {
                    int i = r % 2 == 0 ? k : variants.size() - 1 - k; // alternate the order
                    micros[i][r] = Slices.medianMicros(variants.get(i).step(), 0.3);
                }
            }
            for (int i = 0; i < variants.size(); i++) {
                double[] ratio = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    ratio[r] = micros[i][r] / micros[0][r];
                }
                double[] us = micros[i].clone();
                Arrays.sort(ratio);
                Arrays.sort(us);
                System.out.printf(Locale.ROOT, "%-6s %-21s %9.1f µs  ×%.3f of plain (quartiles %.3f–%.3f; %d "
                        + "alternating rounds)%n", name, variants.get(i).name(), us[rounds / 2], ratio[rounds / 2],
                        ratio[rounds / 4], ratio[3 * rounds / 4], rounds);
            }
        }
    }

    private static NetworkSpec with(NetworkSpec s, Activation hidden) {
        return new NetworkSpec(s.sizes(), hidden, s.output(), s.loss(), s.l2());
    }

    private static Variant variant(String name, NetworkSpec spec, Map<String, DMatrixRMaj> feeds, double clip) {
        Network net = new Network(spec);
        ParameterStore store = io.github.gradgraph.nn.Initializer.HE.initialize(net, new ParameterStore(), 1);
        TrainingStep step = new TrainingStep(net, new GradientDescent(Workload.LR));
        long[] n = {0};
        return new Variant(name, () -> step.run(feeds, store, Checks.SHAPES, clip, DropoutMasks.key(1, 0,
                (int) ++n[0])));
    }
}
