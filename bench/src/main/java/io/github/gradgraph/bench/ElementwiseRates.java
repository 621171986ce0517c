package io.github.gradgraph.bench;

import io.github.gradgraph.core.Finite;
import io.github.gradgraph.core.ParallelOps;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Where splitting a parameter-sized pass across the worker pool starts to pay: the update y += α·x and the
 * finiteness scan, split ({@link ParallelOps}, at any size) against one thread (EJML's addEquals and
 * {@link Finite#all}), interleaved, over sizes around the threshold. Run with {@code
 * -Dgradgraph.parallel.elements=1} so that ParallelOps splits every size. Usage: {@code java
 * -Dgradgraph.parallel.elements=1 -cp bench/target/benchmarks.jar io.github.gradgraph.bench.ElementwiseRates}.
 */
public final class ElementwiseRates {
    private ElementwiseRates() {
    }

    public static void main(String[] args) {
        Random r = new Random(1);
        System.out.println("split threshold in force: " + ParallelOps.PARALLEL_ELEMENTS + " elements");
        for (int n : new int[] {1 << 12, 1 << 13, 1 << 14, 1 << 15, 1 << 16, 1 << 18, 245_760}) {
            DMatrixRMaj x = new DMatrixRMaj(1, n);
            DMatrixRMaj y = new DMatrixRMaj(1, n);
            for (int i = 0; i < n; i++) {
                x.data[i] = r.nextGaussian();
                y.data[i] = r.nextGaussian();
            }
            double[][] t = new double[4][9];
            for (int round = 0; round < 9; round++) {
                t[0][round] = time(() -> CommonOps_DDRM.addEquals(y, -1e-9, x));
                t[1][round] = time(() -> ParallelOps.addEquals(y, -1e-9, x));
                t[2][round] = time(() -> Finite.all(x));
                t[3][round] = time(() -> ParallelOps.allFinite(x));
            }
            for (double[] row : t) {
                Arrays.sort(row);
            }
            System.out.printf(Locale.ROOT, "%8d elements: update %7.2f → %7.2f µs split (%.2f×); scan %7.2f → %7.2f µs "
                    + "split (%.2f×)%n", n, t[0][4], t[1][4], t[1][4] / t[0][4], t[2][4], t[3][4], t[3][4] / t[2][4]);
        }
        System.exit(0);
    }

    private static double time(Runnable f) {
        return Slices.medianMicros(f, 0.1);
    }
}
