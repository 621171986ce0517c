package io.github.gradgraph.core;

import dev.ludovic.netlib.blas.BLAS;
import org.ejml.data.DMatrixRMaj;

/**
 * {@link Gemm} through {@code dev.ludovic.netlib:blas}: a system BLAS when one is installed, else its pure-Java
 * kernels (vectorized with {@code jdk.incubator.vector} when the JVM runs with {@code --add-modules
 * jdk.incubator.vector}). EJML's row-major arrays go to the column-major dgemm without copies: a row-major X is a
 * column-major Xᵀ, so C = op(A)·op(B) is computed as Cᵀ = op(B)ᵀ·op(A)ᵀ. Large products are split by rows of C
 * across the available cores.
 */
public final class NetlibGemm implements Gemm {
    /** Products with fewer multiply-adds than this run on the calling thread alone. */
    static final long PARALLEL_FLOPS = 1L << 21;

    private final BLAS blas;
    private final RowSplitter splitter;
    private final Job job = new Job();

    /**
     * @param blas    the BLAS to call
     * @param threads threads for large products, at least 1
     */
    public NetlibGemm(BLAS blas, int threads) {
        this.blas = blas;
        this.splitter = new RowSplitter(threads);
    }

    /** @return the best netlib BLAS on this JVM, using every core, or null when it cannot be loaded */
    public static NetlibGemm create() {
        try {
            return new NetlibGemm(BLAS.getInstance(), Runtime.getRuntime().availableProcessors());
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    @Override
    public String name() {
        return "netlib " + blas.getClass().getSimpleName() + " (" + splitter.threads() + " threads)";
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
        if ((long) m * n * k < PARALLEL_FLOPS || splitter.threads() == 1) {
            rows(ta, tb, a, b, c, k, 0, m);
            return;
        }
        synchronized (job) {
            job.set(ta, tb, a, b, c, k);
            splitter.split(m, job);
            job.clear();
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
    private final class Job implements RowSplitter.RangeJob {
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
