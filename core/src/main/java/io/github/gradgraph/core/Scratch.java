package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Working memory a kernel needs only while it runs (a convolution's patch matrix, its channel-major product), one set
 * per thread, reused by every kernel that thread runs: it grows to the largest request and is never given back while
 * the thread lives, so the steady-state steps of a compiled program allocate nothing. A kernel takes its matrices with
 * {@link #get()}, reshapes them (which allocates only when a request is larger than any before) and must not keep
 * them after it returns; kernels do not call one another while holding them. The float32 kernels have their own,
 * generated from this class ({@code FloatScratch}).
 */
public final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    /** The patch matrix (im2col) and its gradient. */
    public final DMatrixRMaj cols = new DMatrixRMaj(1, 1);
    /** The channel-major product W·cols. */
    public final DMatrixRMaj product = new DMatrixRMaj(1, 1);
    private DMatrixRMaj[] partials = new DMatrixRMaj[0];
    private int[] ints = new int[1];
    private @F64 double[] sums = new @F64 double[1];
    private double[] values = new double[1];

    private Scratch() {
    }

    /** @return this thread's scratch */
    public static Scratch get() {
        return LOCAL.get();
    }

    /** Drops this thread's scratch (for embedders whose long-lived threads ran one large convolution). */
    public static void release() {
        LOCAL.remove();
    }

    /** @return {@code count} matrices of {@code rows} × {@code cols}, contents undefined (partial sums per part) */
    public DMatrixRMaj[] partials(int count, int rows, int cols) {
        if (partials.length < count) {
            DMatrixRMaj[] more = java.util.Arrays.copyOf(partials, count);
            for (int i = partials.length; i < count; i++) {
                more[i] = new DMatrixRMaj(1, 1);
            }
            partials = more;
        }
        for (int i = 0; i < count; i++) {
            partials[i].reshape(rows, cols, false);
        }
        return partials;
    }

    /** @return a float64 array of at least {@code n} elements (accumulators, in the float32 twin too) */
    public @F64 double[] sums(int n) {
        if (sums.length < n) {
            sums = new @F64 double[n];
        }
        return sums;
    }

    /** @return an int array of at least {@code n} elements, contents undefined */
    public int[] ints(int n) {
        if (ints.length < n) {
            ints = new int[n];
        }
        return ints;
    }

    /** @return an array of at least {@code n} values, contents undefined */
    public double[] values(int n) {
        if (values.length < n) {
            values = new double[n];
        }
        return values;
    }
}
