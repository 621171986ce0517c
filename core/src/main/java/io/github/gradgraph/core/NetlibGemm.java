package io.github.gradgraph.core;

import dev.ludovic.netlib.blas.BLAS;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ejml.data.DMatrixRMaj;

/**
 * {@link Gemm} through a {@code dev.ludovic.netlib:blas} {@link BLAS}: native OpenBLAS ({@link NativeOpenBlas}), a
 * system BLAS, or netlib's pure-Java kernels (vectorized with {@code jdk.incubator.vector} when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}). EJML's row-major arrays go to the column-major dgemm without copies
 * (the native path passes the Java arrays themselves): a row-major X is a column-major Xᵀ, so C = op(A)·op(B) is
 * computed as Cᵀ = op(B)ᵀ·op(A)ᵀ. Large products are split by rows of C over the {@link Parallel} pool, the one owner
 * of the extra cores (a native BLAS runs single-threaded inside each range).
 */
public final class NetlibGemm implements Gemm {
    /** Products with fewer multiply-adds than this run on the calling thread alone. */
    static final long PARALLEL_FLOPS = 1L << 21;

    private final BLAS blas;
    private final String label;
    private final Parallel pool;
    private final Job job = new Job();
    private final AtomicBoolean busy = new AtomicBoolean();

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

    @Override
    public String name() {
        return label + ", " + pool.threads() + (pool.threads() == 1 ? " thread" : " threads");
    }

    @Override
    public void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        gemm(false, false, a, b, c);
    }

    @Override
    public void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        gemm(true, false, a, b, c);
    }

    @Override
    public void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        gemm(false, true, a, b, c);
    }

    @Override
    public void multTransAB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        gemm(true, true, a, b, c);
    }

    private void gemm(boolean ta, boolean tb, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        int m = c.numRows;
        int n = c.numCols;
        int k = ta ? a.numRows : a.numCols;
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            c.zero();
            return;
        }
        if ((long) m * n * k < PARALLEL_FLOPS || pool.threads() == 1) {
            rows(ta, tb, a, b, c, k, 0, m);
            return;
        }
        if (!busy.compareAndSet(false, true)) { // another thread is splitting: the cores are taken
            rows(ta, tb, a, b, c, k, 0, m);
            return;
        }
        try {
            job.set(ta, tb, a, b, c, k);
            pool.split(m, 1, job);
        } finally {
            job.clear();
            busy.set(false);
        }
    }

    /** Rows [r0, r1) of C. */
    private void rows(boolean ta, boolean tb, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, int k, int r0, int r1) {
        int n = c.numCols;
        int offA = ta ? r0 : r0 * a.numCols;
        blas.dgemm(tb ? "T" : "N", ta ? "T" : "N", n, r1 - r0, k, 1.0, b.data, 0, b.numCols, a.data, offA,
                a.numCols, 0.0, c.data, r0 * n, n);
    }

    /** The reusable job of a split product, so that splitting allocates nothing. */
    private final class Job implements Parallel.RangeJob {
        private boolean ta;
        private boolean tb;
        private DMatrixRMaj a;
        private DMatrixRMaj b;
        private DMatrixRMaj c;
        private int k;

        void set(boolean ta, boolean tb, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, int k) {
            this.ta = ta;
            this.tb = tb;
            this.a = a;
            this.b = b;
            this.c = c;
            this.k = k;
        }

        void clear() {
            a = null;
            b = null;
            c = null;
        }

        @Override
        public void run(int from, int to) {
            rows(ta, tb, a, b, c, k, from, to);
        }
    }
}
