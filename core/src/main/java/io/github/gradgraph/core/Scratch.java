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
    /** A filter bank's gradient, transposed. */
    public final DMatrixRMaj filters = new DMatrixRMaj(1, 1);
    private int[] ints = new int[1];
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
