package io.github.gradgraph.bench;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.core.Gemm;
import io.github.gradgraph.core.MatMul;
import io.github.gradgraph.core.ParallelPrecision;
import io.github.gradgraph.core.Precision;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.TrainingStep;
import io.github.gradgraph.nn.optim.GradientDescent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * The float32 step against the float64 step of the same workload, alternating in short slices within one process (so
 * that machine drift cancels), with each step's matrix products alone in its own dtype (dgemm, sgemm: the GEMM-bound
 * limit of each), and the float32 step's conversions alone: rounding the float64 master weights to float and widening
 * the gradients back, and (what a step fed float64 data would add) rounding X. The float32 step is fed its X and Y in
 * float32, as the Trainer feeds it. Prints per workload the medians, the f32/f64 ratio with its quartiles, each step's
 * products as a share of the step, and what the conversions cost. Usage: {@code java -cp bench/target/benchmarks.jar
 * io.github.gradgraph.bench.Float32Ratio [rounds] [workload…]}.
 */
public final class Float32Ratio {
    private Float32Ratio() {
    }

    /** A product of the step as float32 operands. */
    private record Product32(boolean ta, boolean tb, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        System.out.println("matrix products: " + MatMul.backend().name());
        for (String name : Workload.named(args)) {
            Workload w = Workload.of(name);
            Network net = new Network(w.spec());
            ParameterStore store64 = w.parameters(net, 1);
            ParameterStore store32 = store64.copy();
            Map<String, DMatrixRMaj> feeds = w.data(2);
            TrainingStep f64 = new TrainingStep(net, new GradientDescent(Workload.LR), DType.F64);
            TrainingStep f32 = new TrainingStep(net, new GradientDescent(Workload.LR), DType.F32);
            List<GemmRates.Product> products = GemmRates.products(w);
            List<Product32> products32 = products.stream().map(p -> new Product32(p.ta(), p.tb(),
                    Precision.toFloat(p.a()), Precision.toFloat(p.b()), Precision.toFloat(p.c()))).toList();
            Gemm gemm = MatMul.backend();
            DMatrixRMaj x = feeds.get("X");
            FMatrixRMaj x32 = new FMatrixRMaj(x.numRows, x.numCols);
            List<DMatrixRMaj> weights = net.parameters().stream().map(store64::get).toList();
            List<FMatrixRMaj> weights32 = weights.stream().map(Precision::toFloat).toList();
            List<DMatrixRMaj> grads = weights.stream().map(DMatrixRMaj::new).toList();
            Runnable inputConversion = () -> ParallelPrecision.narrow(x, x32);
            Runnable weightConversion = () -> {
                for (int k = 0; k < weights.size(); k++) {
                    ParallelPrecision.narrow(weights.get(k), weights32.get(k));
                    ParallelPrecision.widen(weights32.get(k), grads.get(k));
                }
            };
            Runnable s64 = () -> f64.run(feeds, store64, Checks.SHAPES);
            // the float32 step's data in float32, as the Trainer gives it and as the peers hold theirs
            Map<String, FMatrixRMaj> feeds32 = Map.of("X", Precision.toFloat(feeds.get("X")), "Y",
                    Precision.toFloat(feeds.get("Y")));
            Runnable s32 = () -> f32.run(feeds32, store32, Checks.SHAPES);
            Runnable p64 = () -> GemmRates.runAll(gemm, products);
            Runnable p32 = () -> {
                for (Product32 p : products32) {
                    gemm.sgemm(1f, p.ta(), p.tb(), p.a(), p.b(), 0f, p.c());
                }
            };
            for (Runnable r : List.of(s64, s32, p64, p32, inputConversion, weightConversion)) {
                Slices.medianMicros(r, 1.0);
            }
            double[] t64 = new double[rounds];
            double[] t32 = new double[rounds];
            double[] g64 = new double[rounds];
            double[] g32 = new double[rounds];
            double[] ratio = new double[rounds];
            double[] share64 = new double[rounds];
            double[] share32 = new double[rounds];
            double[] cx = new double[rounds];
            double[] cw = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                boolean wideFirst = r % 2 == 0;
                double a = Slices.medianMicros(wideFirst ? s64 : s32, 0.4);
                g64[r] = Slices.medianMicros(p64, 0.2);
                g32[r] = Slices.medianMicros(p32, 0.2);
                cx[r] = Slices.medianMicros(inputConversion, 0.1);
                cw[r] = Slices.medianMicros(weightConversion, 0.1);
                double b = Slices.medianMicros(wideFirst ? s32 : s64, 0.4);
                t64[r] = wideFirst ? a : b;
                t32[r] = wideFirst ? b : a;
                ratio[r] = t32[r] / t64[r];
                share64[r] = g64[r] / t64[r];
                share32[r] = g32[r] / t32[r];
            }
            for (double[] d : List.of(t64, t32, g64, g32, ratio, share64, share32, cx, cw)) {
                Arrays.sort(d);
            }
            int mid = rounds / 2;
            double gemmFlops = products.stream().mapToDouble(GemmRates.Product::flops).sum();
            System.out.printf(Locale.ROOT, "%-7s f64 %9.1f µs  f32 %9.1f µs  f32/f64 %.3f (quartiles %.3f–%.3f); "
                    + "products alone: dgemm %.1f µs (%.1f GFLOP/s), sgemm %.1f µs (%.1f GFLOP/s); products' share "
                    + "of the step: f64 %.0f%%, f32 %.0f%%; f32 conversions: weights to float and gradients back %.1f µs "
                    + "(%.0f%% of the step), X to float (not done: fed in float32) %.1f µs (%.0f%%); medians of %d "
                    + "alternating rounds%n", name,
                    t64[mid], t32[mid], ratio[mid], ratio[rounds / 4], ratio[3 * rounds / 4], g64[mid],
                    gemmFlops / (g64[mid] * 1e3), g32[mid], gemmFlops / (g32[mid] * 1e3), 100 * share64[mid],
                    100 * share32[mid], cw[mid], 100 * cw[mid] / t32[mid], cx[mid], 100 * cx[mid] / t32[mid], rounds);
        }
    }
}
