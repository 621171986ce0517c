package io.github.gradgraph.core;

import dev.ludovic.netlib.blas.BLAS;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ejml.data.DMatrixRMaj;

/**
 * {@link Gemm} through a {@code dev.ludovic.netlib:blas} {@link BLAS}: native OpenBLAS ({@link NativeOpenBlas}), a
 * system BLAS, or netlib's pure-Java kernels (vectorized with {@code jdk.incubator.vector} when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}). EJML's row-major arrays go to the column-major dgemm without copies
 * (the native path passes the Java arrays themselves): a row-major X is a column-major Xᵀ, so C = op(A)·op(B) is
 * computed as Cᵀ = op(B)ᵀ·op(A)ᵀ. Tiny products run in EJML; large ones are split over the {@link Parallel} pool, the
 * one owner of the extra cores (a native BLAS runs single-threaded inside each range): along C's larger dimension, or
 * along the inner dimension when it dwarfs C.
 */
public final class NetlibGemm implements Gemm {
    /** Products with fewer multiply-adds than this run on the calling thread alone. */
    static final long PARALLEL_FLOPS = 1L << 21;
    /**
     * Products with fewer multiply-adds than this run in Java (EJML), where a JNI call costs more than the work
     * (measured with {@code bench}'s GemmRates: the planar network's 4×2×400 products).
     */
    static final long SMALL_FLOPS = Long.getLong("gradgraph.gemm.small", 1L << 12);
    /** Products whose inner dimension is at least this many times C's larger one are split along it. */
    static final int DEPTH_SPLIT_RATIO = 8;

    /** How a large product is divided among the pool's threads. */
    private enum Split { ROWS, COLUMNS, DEPTH }

    private final BLAS blas;
    private final String label;
    private final Parallel pool;
    private final Job job = new Job();
    private final AtomicBoolean busy = new AtomicBoolean();
    private double[] scratch = new double[0];
    private final Gemm small = new EjmlGemm();

    /**
     * @param blas  the BLAS to call
     * @param label what the BLAS is, for reports (e.g. "OpenBLAS 0.3.31 (native)")
     * @param pool  the threads large products are split over
     */
    public NetlibGemm(BLAS blas, String label, Parallel pool) {
        this.blas = blas;
        this.label = label;
        this.pool = pool;
    }

    /** @return netlib's pure-Java BLAS (VectorBLAS when the vector module is added) on the shared pool */
    public static NetlibGemm java() {
        BLAS b = dev.ludovic.netlib.blas.JavaBLAS.getInstance();
        return new NetlibGemm(b, "netlib " + b.getClass().getSimpleName() + " (Java)", Parallel.shared());
    }

    /** @return true when the BLAS is netlib's pure-Java one */
    boolean isJava() {
        return blas instanceof dev.ludovic.netlib.blas.JavaBLAS;
    }

    @Override
    public String name() {
        return label + ", " + pool.threads() + (pool.threads() == 1 ? " thread" : " threads");
    }

    @Override
    public void gemm(double alpha, boolean ta, boolean tb, DMatrixRMaj a, DMatrixRMaj b, double beta,
            DMatrixRMaj c) {
        int m = c.numRows;
        int n = c.numCols;
        int k = ta ? a.numRows : a.numCols;
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0.0) {
            Gemm.scaleInPlace(beta, c);
            return;
        }
        if ((long) m * n * k < SMALL_FLOPS) {
            small.gemm(alpha, ta, tb, a, b, beta, c);
            return;
        }
        if ((long) m * n * k < PARALLEL_FLOPS || pool.threads() == 1 || !busy.compareAndSet(false, true)) {
            block(alpha, ta, tb, a, b, beta, c, k, 0, m, 0, n); // small, or another thread is splitting
            return;
        }
        try {
            if (k >= DEPTH_SPLIT_RATIO * Math.max(m, n) && k >= 64 * pool.threads()) {
                splitDepth(alpha, ta, tb, a, b, beta, c, k);
            } else {
                job.set(alpha, ta, tb, a, b, beta, c, k, m >= n ? Split.ROWS : Split.COLUMNS);
                pool.split(m >= n ? m : n, 1, job);
            }
        } finally {
            job.clear();
            busy.set(false);
        }
    }

    /**
     * A product whose inner dimension dwarfs C (the cat network's W[1]·X: 20×12288 · 12288×209) split along k: each
     * thread multiplies a slice of op(A)'s columns by the matching rows of op(B), reading less of both than a split
     * of C would; the first slice accumulates into C, the others into scratch that is then added to C.
     */
    private void splitDepth(double alpha, boolean ta, boolean tb, DMatrixRMaj a, DMatrixRMaj b, double beta,
            DMatrixRMaj c, int k) {
        int parts = pool.threads();
        int size = c.getNumElements();
        if (scratch.length < (parts - 1) * size) {
            scratch = new double[(parts - 1) * size]; // grows to the largest such product, then reused
        }
        job.set(alpha, ta, tb, a, b, beta, c, k, Split.DEPTH);
        pool.split(parts, 1, job);
        double[] cd = c.data;
        for (int p = 1; p < parts; p++) {
            for (int i = 0, o = (p - 1) * size; i < size; i++) {
                cd[i] += scratch[o + i];
            }
        }
    }

    /** Part {@code p} of {@code parts} of the inner dimension: into C (p = 0, with β) or into scratch (β = 0). */
    private void depthPart(double alpha, boolean ta, boolean tb, DMatrixRMaj a, DMatrixRMaj b, double beta,
            DMatrixRMaj c, int k, int p, int parts) {
        int k0 = (int) ((long) k * p / parts);
        int k1 = (int) ((long) k * (p + 1) / parts);
        int n = c.numCols;
        int offA = ta ? k0 * a.numCols : k0;
        int offB = tb ? k0 : k0 * b.numCols;
        double[] out = p == 0 ? c.data : scratch;
        int offC = p == 0 ? 0 : (p - 1) * c.getNumElements();
        blas.dgemm(tb ? "T" : "N", ta ? "T" : "N", n, c.numRows, k1 - k0, alpha, b.data, offB, b.numCols, a.data,
                offA, a.numCols, p == 0 ? beta : 0.0, out, offC, n);
    }

    /**
     * The block rows [r0, r1) × columns [c0, c1) of C through one column-major dgemm: that block of Cᵀ is
     * op(B)ᵀ[c0:c1, :] · op(A)ᵀ[:, r0:r1], every operand addressed in place by an offset into its array.
     */
    private void block(double alpha, boolean ta, boolean tb, DMatrixRMaj a, DMatrixRMaj b, double beta, DMatrixRMaj c,
            int k, int r0, int r1, int c0, int c1) {
        int n = c.numCols;
        int offA = ta ? r0 : r0 * a.numCols;
        int offB = tb ? c0 * b.numCols : c0;
        blas.dgemm(tb ? "T" : "N", ta ? "T" : "N", c1 - c0, r1 - r0, k, alpha, b.data, offB, b.numCols, a.data,
                offA, a.numCols, beta, c.data, r0 * n + c0, n);
    }

    /** The reusable job of a split product, so that splitting allocates nothing. */
    private final class Job implements Parallel.RangeJob {
        private double alpha;
        private double beta;
        private boolean ta;
        private boolean tb;
        private DMatrixRMaj a;
        private DMatrixRMaj b;
        private DMatrixRMaj c;
        private int k;
        private Split split;

        void set(double alpha, boolean ta, boolean tb, DMatrixRMaj a, DMatrixRMaj b, double beta, DMatrixRMaj c,
                int k, Split split) {
            this.alpha = alpha;
            this.beta = beta;
            this.ta = ta;
            this.tb = tb;
            this.a = a;
            this.b = b;
            this.c = c;
            this.k = k;
            this.split = split;
        }

        void clear() {
            a = null;
            b = null;
            c = null;
        }

        @Override
        public void run(int from, int to) {
            switch (split) {
                case ROWS -> block(alpha, ta, tb, a, b, beta, c, k, from, to, 0, c.numCols);
                case COLUMNS -> block(alpha, ta, tb, a, b, beta, c, k, 0, c.numRows, from, to);
                default -> {
                    for (int p = from; p < to; p++) {
                        depthPart(alpha, ta, tb, a, b, beta, c, k, p, pool.threads());
                    }
                }
            }
        }
    }
}
