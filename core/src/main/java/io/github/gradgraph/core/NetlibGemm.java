package io.github.gradgraph.core;

import dev.ludovic.netlib.blas.BLAS;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * {@link Gemm} through a {@code dev.ludovic.netlib:blas} {@link BLAS}: native OpenBLAS ({@link NativeOpenBlas}), a
 * system BLAS, or netlib's pure-Java kernels (vectorized with {@code jdk.incubator.vector} when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}). EJML's row-major arrays go to the column-major dgemm without copies (the
 * native path passes the Java arrays themselves): a row-major X is a column-major Xᵀ, so C = op(A)·op(B) is computed as
 * Cᵀ = op(B)ᵀ·op(A)ᵀ; float32 products take the same path through sgemm. Tiny products run in EJML; large ones are
 * split over the {@link Parallel} pool, the one owner of the extra cores (a native BLAS runs single-threaded inside
 * each range): along C's larger dimension, or along the inner dimension when it dwarfs C. How a product is divided
 * depends only on its shape and the pool's size, never on whether the pool is free: a product whose split finds the
 * pool busy runs the same ranges one after another on its own thread, so it gives the same bits.
 */
public final class NetlibGemm implements Gemm {
    /** Products with fewer multiply-adds than this run on the calling thread alone. */
    static final long PARALLEL_FLOPS = 1L << 21;
    /**
     * Products with fewer multiply-adds than this run in Java ({@link ThinProducts}), where a JNI call costs more than the work
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
    /**
     * Jobs (each with its depth-split scratch) for the products that run at once — the parts of a convolution multiply
     * together — one per thread of the pool and one for a caller outside it; taken and given back without allocating.
     */
    private final Job[] jobs;
    private final AtomicIntegerArray taken;

    /**
     * @param blas  the BLAS to call
     * @param label what the BLAS is, for reports (e.g. "OpenBLAS 0.3.31 (native)")
     * @param pool  the threads large products are split over
     */
    public NetlibGemm(BLAS blas, String label, Parallel pool) {
        this.blas = blas;
        this.label = label;
        this.pool = pool;
        this.jobs = new Job[pool.threads() + 1];
        for (int i = 0; i < jobs.length; i++) {
            jobs[i] = new Job();
        }
        this.taken = new AtomicIntegerArray(jobs.length);
    }

    /** @return the index of a job now this caller's, or −1 when every one is running */
    private int acquire() {
        for (int i = 0; i < jobs.length; i++) {
            if (taken.compareAndSet(i, 0, 1)) {
                return i;
            }
        }
        return -1;
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
        int k = ta ? a.numRows : a.numCols;
        if (c.numRows == 0 || c.numCols == 0) {
            return;
        }
        if (k == 0 || alpha == 0.0) {
            Gemm.scaleInPlace(beta, c);
            return;
        }
        if ((long) c.numRows * c.numCols * k < SMALL_FLOPS) {
            ThinProducts.gemm(alpha, ta, tb, a, b, beta, c);
            return;
        }
        run(OPERANDS.get().set(false, a.data, a.numCols, b.data, b.numCols, c.data, c.numRows, c.numCols), alpha, ta,
                tb, beta, k);
    }

    @Override
    public void sgemm(float alpha, boolean ta, boolean tb, FMatrixRMaj a, FMatrixRMaj b, float beta, FMatrixRMaj c) {
        int k = ta ? a.numRows : a.numCols;
        if (c.numRows == 0 || c.numCols == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            Gemm.scaleInPlace(beta, c);
            return;
        }
        if ((long) c.numRows * c.numCols * k < SMALL_FLOPS) {
            FloatThinProducts.gemm(alpha, ta, tb, a, b, beta, c);
            return;
        }
        run(OPERANDS.get().set(true, a.data, a.numCols, b.data, b.numCols, c.data, c.numRows, c.numCols), alpha, ta,
                tb, beta, k);
    }

    /**
     * The arrays and row lengths of one product, float64 or float32: the splitting and the offsets are the same for
     * both, only the BLAS call differs. One reusable instance per calling thread, so a product allocates nothing.
     */
    private static final class Operands {
        private boolean f32;
        private Object a;
        private int aCols;
        private Object b;
        private int bCols;
        private Object c;
        private int rows;
        private int cols;

        Operands set(boolean f32, Object a, int aCols, Object b, int bCols, Object c, int rows, int cols) {
            this.f32 = f32;
            this.a = a;
            this.aCols = aCols;
            this.b = b;
            this.bCols = bCols;
            this.c = c;
            this.rows = rows;
            this.cols = cols;
            return this;
        }

        boolean f32() {
            return f32;
        }

        Object a() {
            return a;
        }

        int aCols() {
            return aCols;
        }

        Object b() {
            return b;
        }

        int bCols() {
            return bCols;
        }

        Object c() {
            return c;
        }

        int rows() {
            return rows;
        }

        int cols() {
            return cols;
        }
    }

    private static final ThreadLocal<Operands> OPERANDS = ThreadLocal.withInitial(Operands::new);

    private void run(Operands o, double alpha, boolean ta, boolean tb, double beta, int k) {
        int m = o.rows();
        int n = o.cols();
        try {
            if ((long) m * n * k < PARALLEL_FLOPS || pool.threads() == 1) {
                block(o, alpha, ta, tb, beta, k, 0, m, 0, n);
                return;
            }
            int slot = acquire();
            Job job = slot >= 0 ? jobs[slot] : new Job(); // more products at once than threads: one of its own
            try {
                if (k >= DEPTH_SPLIT_RATIO * Math.max(m, n) && k >= 64 * pool.threads()) {
                    splitDepth(job, o, alpha, ta, tb, beta, k);
                } else {
                    job.set(o, alpha, ta, tb, beta, k, m >= n ? Split.ROWS : Split.COLUMNS);
                    pool.split(m >= n ? m : n, 1, job);
                }
            } finally {
                job.clear();
                if (slot >= 0) {
                    taken.set(slot, 0);
                }
            }
        } finally {
            o.set(false, null, 0, null, 0, null, 0, 0); // hold no caller's arrays between products
        }
    }

    /**
     * A product whose inner dimension dwarfs C (the cat network's W[1]·X: 20×12288 · 12288×209) split along k: each
     * thread multiplies a slice of op(A)'s columns by the matching rows of op(B), reading less of both than a split
     * of C would; the first slice accumulates into C, the others into scratch that is then added to C.
     */
    private void splitDepth(Job job, Operands o, double alpha, boolean ta, boolean tb, double beta, int k) {
        int parts = pool.threads();
        int size = o.rows() * o.cols();
        if (o.f32() && job.floatScratch.length < (parts - 1) * size) {
            job.floatScratch = new float[(parts - 1) * size]; // grows to the largest such product, then reused
        } else if (!o.f32() && job.scratch.length < (parts - 1) * size) {
            job.scratch = new double[(parts - 1) * size];
        }
        job.set(o, alpha, ta, tb, beta, k, Split.DEPTH);
        pool.split(parts, 1, job);
        for (int p = 1; p < parts; p++) {
            int off = (p - 1) * size;
            if (o.f32()) {
                float[] cd = (float[]) o.c();
                for (int i = 0; i < size; i++) {
                    cd[i] += job.floatScratch[off + i];
                }
            } else {
                double[] cd = (double[]) o.c();
                for (int i = 0; i < size; i++) {
                    cd[i] += job.scratch[off + i];
                }
            }
        }
    }


    /**
     * The block rows [r0, r1) × columns [c0, c1) of C through one column-major gemm: that block of Cᵀ is
     * op(B)ᵀ[c0:c1, :] · op(A)ᵀ[:, r0:r1], every operand addressed in place by an offset into its array.
     */
    private void block(Operands o, double alpha, boolean ta, boolean tb, double beta, int k, int r0, int r1, int c0,
            int c1) {
        int n = o.cols();
        int offA = ta ? r0 : r0 * o.aCols();
        int offB = tb ? c0 * o.bCols() : c0;
        call(o.f32(), tb ? "T" : "N", ta ? "T" : "N", c1 - c0, r1 - r0, k, alpha, o.b(), offB, o.bCols(), o.a(), offA,
                o.aCols(), beta, o.c(), r0 * n + c0, n);
    }

    /** One column-major BLAS call, dgemm or sgemm (α and β exact in float for the 1/m, 0 and 1 gradgraph passes). */
    private void call(boolean f32, String transX, String transY, int m, int n, int k, double alpha, Object x,
            int offX, int ldx, Object y, int offY, int ldy, double beta, Object c, int offC, int ldc) {
        if (f32) {
            blas.sgemm(transX, transY, m, n, k, (float) alpha, (float[]) x, offX, ldx, (float[]) y, offY, ldy,
                    (float) beta, (float[]) c, offC, ldc);
        } else {
            blas.dgemm(transX, transY, m, n, k, alpha, (double[]) x, offX, ldx, (double[]) y, offY, ldy, beta,
                    (double[]) c, offC, ldc);
        }
    }

    /** The reusable job of a split product, so that splitting allocates nothing. */
    private final class Job implements Parallel.RangeJob {
        private double[] scratch = new double[0];
        private float[] floatScratch = new float[0];
        private Operands o;
        private double alpha;
        private double beta;
        private boolean ta;
        private boolean tb;
        private int k;
        private Split split;

        void set(Operands o, double alpha, boolean ta, boolean tb, double beta, int k, Split split) {
            this.o = o;
            this.alpha = alpha;
            this.beta = beta;
            this.ta = ta;
            this.tb = tb;
            this.k = k;
            this.split = split;
        }

        void clear() {
            o = null;
        }

        @Override
        public void run(int from, int to) {
            switch (split) {
                case ROWS -> block(o, alpha, ta, tb, beta, k, from, to, 0, o.cols());
                case COLUMNS -> block(o, alpha, ta, tb, beta, k, 0, o.rows(), from, to);
                default -> {
                    for (int p = from; p < to; p++) {
                        depthPart(p, pool.threads());
                    }
                }
            }
        }

        /** Part {@code p} of {@code parts} of the inner dimension: into C (p = 0, with β) or into scratch (β = 0). */
        private void depthPart(int p, int parts) {
            int k0 = (int) ((long) k * p / parts);
            int k1 = (int) ((long) k * (p + 1) / parts);
            int n = o.cols();
            int offA = ta ? k0 * o.aCols() : k0;
            int offB = tb ? k0 : k0 * o.bCols();
            Object out = p == 0 ? o.c() : o.f32() ? floatScratch : scratch;
            int offC = p == 0 ? 0 : (p - 1) * o.rows() * o.cols();
            call(o.f32(), tb ? "T" : "N", ta ? "T" : "N", n, o.rows(), k1 - k0, alpha, o.b(), offB, o.bCols(), o.a(),
                    offA, o.aCols(), p == 0 ? beta : 0.0, out, offC, n);
        }
    }
}
