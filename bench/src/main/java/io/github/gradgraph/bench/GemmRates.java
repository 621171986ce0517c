package io.github.gradgraph.bench;

import dev.ludovic.netlib.blas.BLAS;
import io.github.gradgraph.core.EjmlGemm;
import io.github.gradgraph.core.Gemm;
import io.github.gradgraph.core.MatMul;
import io.github.gradgraph.core.NetlibGemm;
import io.github.gradgraph.core.Parallel;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.TrainingStep;
import io.github.gradgraph.nn.optim.GradientDescent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * The matrix products of one training step alone, on each backend and thread configuration, interleaved in one
 * process: which owner of the cores wins (gradgraph's pool splitting rows × single-threaded OpenBLAS, or OpenBLAS's
 * own threads), and the GEMM-only time that bounds the step. Usage: {@code java -cp bench/target/benchmarks.jar
 * io.github.gradgraph.bench.GemmRates [rounds] [workload…]}.
 */
public final class GemmRates {
    private GemmRates() {
    }

    /** One product of the step: C = op(A)·op(B). */
    record Product(boolean ta, boolean tb, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        double flops() {
            return 2.0 * c.numRows * c.numCols * (ta ? a.numRows : a.numCols);
        }
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        String[] names = Workload.named(args);
        System.out.println("default: " + MatMul.backend().name());
        BLAS nat = dev.ludovic.netlib.blas.NativeBLAS.getInstance();
        BLAS java = dev.ludovic.netlib.blas.JavaBLAS.getInstance();
        int cores = Runtime.getRuntime().availableProcessors();
        Parallel one = new Parallel(1);
        Parallel all = new Parallel(cores);
        Map<String, Runnable> setup = new LinkedHashMap<>();
        Map<String, Gemm> gemms = new LinkedHashMap<>();
        gemms.put(cores + " pool × 1 OpenBLAS", new NetlibGemm(nat, "native", all));
        setup.put(cores + " pool × 1 OpenBLAS", () -> blasThreads(1));
        gemms.put("1 pool × " + cores + " OpenBLAS", new NetlibGemm(nat, "native", one));
        setup.put("1 pool × " + cores + " OpenBLAS", () -> blasThreads(cores));
        gemms.put(cores + " pool × " + cores + " OpenBLAS", new NetlibGemm(nat, "native", all));
        setup.put(cores + " pool × " + cores + " OpenBLAS", () -> blasThreads(cores));
        gemms.put("1 × 1 OpenBLAS", new NetlibGemm(nat, "native", one));
        setup.put("1 × 1 OpenBLAS", () -> blasThreads(1));
        gemms.put(cores + " pool × " + java.getClass().getSimpleName(), new NetlibGemm(java, "java", all));
        gemms.put("ejml", new EjmlGemm());
        for (String name : names) {
            Workload w = Workload.of(name);
            List<Product> products = products(w);
            double flops = products.stream().mapToDouble(Product::flops).sum();
            Map<String, double[]> times = new LinkedHashMap<>();
            for (String g : gemms.keySet()) {
                times.put(g, new double[rounds]);
            }
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, Gemm> e : gemms.entrySet()) {
                    setup.getOrDefault(e.getKey(), () -> blasThreads(1)).run();
                    times.get(e.getKey())[r] = slice(e.getValue(), products, 0.3);
                }
            }
            blasThreads(1);
            System.out.printf(Locale.ROOT, "%s: %d products, %.3f GFLOP per step%n", name, products.size(),
                    flops / 1e9);
            for (Map.Entry<String, double[]> e : times.entrySet()) {
                double[] t = e.getValue().clone();
                Arrays.sort(t);
                System.out.printf(Locale.ROOT, "  %-32s %10.1f µs (quartiles %.1f–%.1f)  %6.1f GFLOP/s%n", e.getKey(),
                        t[rounds / 2], t[rounds / 4], t[3 * rounds / 4], flops / (t[rounds / 2] * 1e3));
            }
        }
        System.exit(0);
    }

    private static void blasThreads(int n) {
        org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(n);
    }

    /** @return the products of the workload's compiled training step, with random operands of their shapes */
    static List<Product> products(Workload w) {
        TrainingStep step = new TrainingStep(new Network(w.spec()), new GradientDescent(Workload.LR));
        Random r = new Random(3);
        List<Product> out = new ArrayList<>();
        for (Node n : step.program().steps()) {
            if (n.op() instanceof io.github.gradgraph.graph.ops.MatMul mm) {
                out.add(new Product(mm.transA(), mm.transB(), random(n.input(0), w.m(), r),
                        random(n.input(1), w.m(), r), new DMatrixRMaj(n.shape().rows(w.m()),
                        n.shape().cols(w.m()))));
            }
        }
        return out;
    }

    private static DMatrixRMaj random(Node n, int m, Random r) {
        DMatrixRMaj x = new DMatrixRMaj(n.shape().rows(m), n.shape().cols(m));
        for (int i = 0; i < x.getNumElements(); i++) {
            x.data[i] = r.nextGaussian();
        }
        return x;
    }

    /** @return the median µs of all the products once, over a slice of about {@code seconds} */
    private static double slice(Gemm g, List<Product> products, double seconds) {
        return Slices.medianMicros(() -> runAll(g, products), seconds);
    }

    /** Runs every product once. */
    static void runAll(Gemm g, List<Product> products) {
        for (Product p : products) {
            run(g, p);
        }
    }

    private static void run(Gemm g, Product p) {
        if (p.ta() && p.tb()) {
            g.multTransAB(p.a(), p.b(), p.c());
        } else if (p.ta()) {
            g.multTransA(p.a(), p.b(), p.c());
        } else if (p.tb()) {
            g.multTransB(p.a(), p.b(), p.c());
        } else {
            g.mult(p.a(), p.b(), p.c());
        }
    }
}
