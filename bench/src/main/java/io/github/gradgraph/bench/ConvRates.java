package io.github.gradgraph.bench;

import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.core.Convolutions;
import io.github.gradgraph.core.FloatConvolutions;
import io.github.gradgraph.core.MatMul;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * The convolution kernels of LeNet-5's and the SIGNS net's layers at batch 64 — forward, input gradient, filter
 * gradient — beside the one sgemm/dgemm of the same shape (filters × patch · patch × positions·m), alternating in
 * short slices in one JVM: GFLOP/s of each, with quartiles over the rounds. The GEMM alone bounds what the kernel can
 * reach; the rest is the patch matrix and the layout passes. Usage: {@code java -cp bench/target/benchmarks.jar
 * io.github.gradgraph.bench.ConvRates [rounds] [f32|f64]}.
 */
public final class ConvRates {
    private ConvRates() {
    }

    /** One layer: its geometry and number of filters. */
    record Layer(String name, ConvGeometry g, int filters) {
        double flops(int m) {
            return 2.0 * g.positions() * m * filters * g.patch();
        }
    }

    static final List<Layer> LAYERS = List.of(
            new Layer("LeNet-5 conv1", ConvGeometry.of(28, 28, 1, 5, 1, 2), 6),
            new Layer("LeNet-5 conv2", ConvGeometry.of(14, 14, 6, 5, 1, 0), 16),
            new Layer("SIGNS conv1", ConvGeometry.same(64, 64, 3, 4, 1), 8),
            new Layer("SIGNS conv2", ConvGeometry.same(8, 8, 8, 2, 1), 16));

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        boolean f32 = args.length < 2 || args[1].equals("f32");
        int m = 64;
        System.out.println("backend: " + MatMul.backend().name() + ", " + (f32 ? "float32" : "float64") + ", batch "
                + m);
        Random r = new Random(1);
        for (Layer layer : LAYERS) {
            List<Runnable> kernels = f32 ? float32(layer, m, r) : float64(layer, m, r);
            String[] names = {"forward", "input gradient", "filter gradient", "GEMM of the same shape"};
            double[][] rates = new double[names.length][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < names.length; k++) {
                    rates[k][round] = layer.flops(m) / (nanosPerCall(kernels.get(k)) / 1e9) / 1e9;
                }
            }
            System.out.println(layer.name() + " (" + layer.g() + ", " + layer.filters() + " filters):");
            for (int k = 0; k < names.length; k++) {
                double[] q = rates[k].clone();
                Arrays.sort(q);
                System.out.printf(Locale.ROOT, "  %-24s %6.1f GFLOP/s (quartiles %.1f–%.1f)%n", names[k],
                        q[rounds / 2], q[rounds / 4], q[3 * rounds / 4]);
            }
        }
    }

    private static double nanosPerCall(Runnable kernel) {
        for (int i = 0; i < 5; i++) {
            kernel.run();
        }
        int calls = 0;
        long start = System.nanoTime();
        long end = start + 200_000_000L;
        long now;
        do {
            kernel.run();
            calls++;
            now = System.nanoTime();
        } while (now < end);
        return (double) (now - start) / calls;
    }

    private static List<Runnable> float64(Layer l, int m, Random r) {
        ConvGeometry g = l.g();
        DMatrixRMaj a = random(g.inputRows(), m, r);
        DMatrixRMaj w = random(l.filters(), g.patch(), r);
        DMatrixRMaj b = random(l.filters(), 1, r);
        DMatrixRMaj z = random(g.positions() * l.filters(), m, r);
        DMatrixRMaj da = new DMatrixRMaj(g.inputRows(), m);
        DMatrixRMaj dw = new DMatrixRMaj(l.filters(), g.patch());
        DMatrixRMaj cols = random(g.patch(), g.positions() * m, r);
        DMatrixRMaj product = new DMatrixRMaj(l.filters(), g.positions() * m);
        List<Runnable> k = new ArrayList<>();
        k.add(() -> Convolutions.conv(g, a, w, b, z));
        k.add(() -> Convolutions.convInputGrad(g, z, w, da));
        k.add(() -> Convolutions.convFilterGrad(g, a, z, dw));
        k.add(() -> MatMul.mult(false, false, w, cols, product));
        return k;
    }

    private static List<Runnable> float32(Layer l, int m, Random r) {
        ConvGeometry g = l.g();
        FMatrixRMaj a = narrow(random(g.inputRows(), m, r));
        FMatrixRMaj w = narrow(random(l.filters(), g.patch(), r));
        FMatrixRMaj b = narrow(random(l.filters(), 1, r));
        FMatrixRMaj z = narrow(random(g.positions() * l.filters(), m, r));
        FMatrixRMaj da = new FMatrixRMaj(g.inputRows(), m);
        FMatrixRMaj dw = new FMatrixRMaj(l.filters(), g.patch());
        FMatrixRMaj cols = narrow(random(g.patch(), g.positions() * m, r));
        FMatrixRMaj product = new FMatrixRMaj(l.filters(), g.positions() * m);
        List<Runnable> k = new ArrayList<>();
        k.add(() -> FloatConvolutions.conv(g, a, w, b, z));
        k.add(() -> FloatConvolutions.convInputGrad(g, z, w, da));
        k.add(() -> FloatConvolutions.convFilterGrad(g, a, z, dw));
        k.add(() -> MatMul.mult(false, false, w, cols, product));
        return k;
    }

    private static DMatrixRMaj random(int rows, int cols, Random r) {
        DMatrixRMaj x = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = r.nextGaussian();
        }
        return x;
    }

    private static FMatrixRMaj narrow(DMatrixRMaj x) {
        return io.github.gradgraph.core.Precision.toFloat(x);
    }
}
