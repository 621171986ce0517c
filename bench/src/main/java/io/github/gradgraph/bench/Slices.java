package io.github.gradgraph.bench;

import java.util.Arrays;

/** The timing loop of the interleaved benchmarks: the median time of repeated calls over a short slice. */
final class Slices {
    private Slices() {
    }

    /** @return the median µs per call of {@code f} over about {@code seconds} (at least 3 calls) */
    static double medianMicros(Runnable f, double seconds) {
        long[] t = new long[1 << 16];
        int n = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while ((System.nanoTime() < end || n < 3) && n < t.length) {
            long t0 = System.nanoTime();
            f.run();
            t[n++] = System.nanoTime() - t0;
        }
        Arrays.sort(t, 0, n);
        return t[n / 2] / 1e3;
    }
}
