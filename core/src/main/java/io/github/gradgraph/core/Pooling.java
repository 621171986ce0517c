package io.github.gradgraph.core;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Max and average pooling of image batches laid out one column per image, channels-last ((H·W·C) × m, row
 * ((h·W) + w)·C + c), each channel on its own: the output is (P·C) × m for P = outHeight·outWidth window positions.
 * Padding cells are never values: a max ignores them and an average divides by the cells inside the image
 * (TensorFlow's {@code 'SAME'} pooling; PyTorch's {@code count_include_pad=False}). A max picks the first largest
 * value in row-major window order, and a NaN (the last one) over any number, as PyTorch does. Every pass splits
 * the batch (columns) over the shared pool, so overlapping windows never write the same value from two threads.
 * Output last, written in place, nothing allocated in the steady state.
 */
public final class Pooling {
    private static final ThreadLocal<Job> JOBS = ThreadLocal.withInitial(Job::new);

    private Pooling() {
    }

    /** out = the largest value of each window. @param a (H·W·C) × m. Not modified. @param out Modified. (P·C) × m. */
    public static void maxPool(ConvGeometry g, DMatrixRMaj a, DMatrixRMaj out) {
        check(g, a, out);
        JOBS.get().run(Job.MAX, g, a.numCols, a.data, null, out.data);
    }

    /**
     * Routes each window's gradient to the input value that was its maximum (the gradient of {@link #maxPool}).
     *
     * @param a    the pooled input, (H·W·C) × m. Not modified.
     * @param grad (P·C) × m. Not modified.
     * @param out  Modified. (H·W·C) × m.
     */
    public static void maxPoolScatter(ConvGeometry g, DMatrixRMaj a, DMatrixRMaj grad, DMatrixRMaj out) {
        check(g, a, grad);
        Convolutions.checkOutput("max-pool gradient", a.numRows, a.numCols, out);
        JOBS.get().run(Job.SCATTER, g, a.numCols, a.data, grad.data, out.data);
    }

    /**
     * out = x read where {@code a} has each window's maximum (the adjoint of {@link #maxPoolScatter} in its
     * gradient).
     *
     * @param a   the input that chooses, (H·W·C) × m. Not modified.
     * @param x   the input read, a's shape. Not modified.
     * @param out Modified. (P·C) × m.
     */
    public static void maxPoolGather(ConvGeometry g, DMatrixRMaj a, DMatrixRMaj x, DMatrixRMaj out) {
        check(g, a, out);
        Convolutions.checkOutput("max-pool gather", a.numRows, a.numCols, x);
        JOBS.get().run(Job.GATHER, g, a.numCols, a.data, x.data, out.data);
    }

    /**
     * @param a (H·W·C) × m. Not modified.
     * @return a hash of which input is each window's maximum: it changes when a tie is crossed (a kink)
     */
    public static long maxPoolBranch(ConvGeometry g, DMatrixRMaj a) {
        g.checkPoolable();
        Convolutions.checkImages("max-pool input", g, a);
        int m = a.numCols;
        Job job = JOBS.get();
        job.prepare(Job.MAX, g, m, a.data, null, null);
        long hash = 1L;
        int[] arg = Scratch.get().ints(m);
        double[] best = Scratch.get().values(m);
        for (int ho = 0; ho < g.outHeight(); ho++) {
            for (int wo = 0; wo < g.outWidth(); wo++) {
                for (int c = 0; c < g.channels(); c++) {
                    job.argMax(ho, wo, c, 0, m, arg, best);
                    for (int i = 0; i < m; i++) {
                        hash = hash * 31 + arg[i];
                    }
                }
            }
        }
        job.clear();
        return hash;
    }

    /** out = the mean of each window's cells inside the image. @param a (H·W·C) × m. @param out (P·C) × m. */
    public static void avgPool(ConvGeometry g, DMatrixRMaj a, DMatrixRMaj out) {
        check(g, a, out);
        JOBS.get().run(Job.AVERAGE, g, a.numCols, a.data, null, out.data);
    }

    /**
     * Spreads each window's gradient evenly over its cells inside the image (the gradient of {@link #avgPool}, and
     * its adjoint).
     *
     * @param grad (P·C) × m. Not modified.
     * @param out  Modified. (H·W·C) × m.
     */
    public static void avgPoolGrad(ConvGeometry g, DMatrixRMaj grad, DMatrixRMaj out) {
        check(g, out, grad);
        JOBS.get().run(Job.SPREAD, g, out.numCols, null, grad.data, out.data);
    }

    private static void check(ConvGeometry g, DMatrixRMaj images, DMatrixRMaj pooled) {
        g.checkPoolable();
        Convolutions.checkImages("pooling input", g, images);
        Convolutions.checkOutput("pooled", g.positions() * g.channels(), images.numCols, pooled);
    }

    /** One pass over a range of images, reusable per thread so that splitting allocates nothing. */
    private static final class Job implements Parallel.RangeJob {
        static final int MAX = 0;
        static final int SCATTER = 1;
        static final int GATHER = 2;
        static final int AVERAGE = 3;
        static final int SPREAD = 4;

        private int kind;
        private ConvGeometry g;
        private int m;
        private double[] a;
        private double[] x;
        private double[] out;

        void prepare(int kind, ConvGeometry g, int m, double[] a, double[] x, double[] out) {
            this.kind = kind;
            this.g = g;
            this.m = m;
            this.a = a;
            this.x = x;
            this.out = out;
        }

        void clear() {
            g = null;
            a = null;
            x = null;
            out = null;
        }

        void run(int kind, ConvGeometry g, int m, double[] a, double[] x, double[] out) {
            prepare(kind, g, m, a, x, out);
            try {
                long work = (long) g.inputRows() * m;
                if (work < ParallelOps.PARALLEL_ELEMENTS || m < 2) {
                    run(0, m);
                } else {
                    Parallel.shared().split(m, 1, this);
                }
            } finally {
                clear();
            }
        }

        @Override
        public void run(int lo, int hi) {
            if (kind == SCATTER || kind == SPREAD) {
                for (int row = 0; row < g.inputRows(); row++) {
                    Arrays.fill(out, row * m + lo, row * m + hi, 0.0);
                }
            }
            Scratch scratch = Scratch.get();
            int[] arg = scratch.ints(m);
            double[] best = scratch.values(m);
            int cs = g.channels();
            for (int ho = 0; ho < g.outHeight(); ho++) {
                for (int wo = 0; wo < g.outWidth(); wo++) {
                    for (int c = 0; c < cs; c++) {
                        int row = ((ho * g.outWidth() + wo) * cs + c) * m;
                        switch (kind) {
                            case MAX -> max(ho, wo, c, lo, hi, row);
                            case SCATTER -> {
                                argMax(ho, wo, c, lo, hi, arg, best);
                                for (int i = lo; i < hi; i++) {
                                    out[arg[i] * m + i] += x[row + i];
                                }
                            }
                            case GATHER -> {
                                argMax(ho, wo, c, lo, hi, arg, best);
                                for (int i = lo; i < hi; i++) {
                                    out[row + i] = x[arg[i] * m + i];
                                }
                            }
                            case AVERAGE -> average(ho, wo, c, lo, hi, row);
                            default -> spread(ho, wo, c, lo, hi, row);
                        }
                    }
                }
            }
        }

        /**
         * For images [lo, hi): arg[i] = the input row of the window's first maximum, best[i] its value. Two passes,
         * both free of unpredictable branches: the maximum, then the window backwards keeping the last row that
         * equals it (which is the first in window order). A NaN maximum (no row equals it) takes the last NaN, as
         * PyTorch does.
         */
        void argMax(int ho, int wo, int c, int lo, int hi, int[] arg, double[] best) {
            int h0 = Math.max(0, ho * g.stride() - g.padTop());
            int h1 = Math.min(g.height(), ho * g.stride() - g.padTop() + g.filter());
            int w0 = Math.max(0, wo * g.stride() - g.padLeft());
            int w1 = Math.min(g.width(), wo * g.stride() - g.padLeft() + g.filter());
            int cs = g.channels();
            int first = (h0 * g.width() + w0) * cs + c;
            System.arraycopy(a, first * m + lo, best, lo, hi - lo);
            for (int h = h0; h < h1; h++) {
                for (int w = (h == h0 ? w0 + 1 : w0); w < w1; w++) {
                    int at = ((h * g.width() + w) * cs + c) * m;
                    for (int i = lo; i < hi; i++) {
                        best[i] = Math.max(best[i], a[at + i]);
                    }
                }
            }
            boolean nan = false;
            for (int i = lo; i < hi; i++) {
                arg[i] = first;
                nan |= best[i] != best[i];
            }
            for (int h = h1 - 1; h >= h0; h--) {
                for (int w = w1 - 1; w >= w0; w--) {
                    int r = (h * g.width() + w) * cs + c;
                    int at = r * m;
                    for (int i = lo; i < hi; i++) {
                        arg[i] = a[at + i] == best[i] ? r : arg[i];
                    }
                }
            }
            if (nan) {
                lastNaN(h0, h1, w0, w1, c, lo, hi, arg, best);
            }
        }

        private void lastNaN(int h0, int h1, int w0, int w1, int c, int lo, int hi, int[] arg, double[] best) {
            for (int h = h0; h < h1; h++) {
                for (int w = w0; w < w1; w++) {
                    int r = (h * g.width() + w) * g.channels() + c;
                    for (int i = lo; i < hi; i++) {
                        if (best[i] != best[i] && a[r * m + i] != a[r * m + i]) {
                            arg[i] = r;
                        }
                    }
                }
            }
        }

        /** The window's maximum only (ties do not matter to the value; Math.max propagates NaN), branch-free. */
        private void max(int ho, int wo, int c, int lo, int hi, int row) {
            int h0 = Math.max(0, ho * g.stride() - g.padTop());
            int h1 = Math.min(g.height(), ho * g.stride() - g.padTop() + g.filter());
            int w0 = Math.max(0, wo * g.stride() - g.padLeft());
            int w1 = Math.min(g.width(), wo * g.stride() - g.padLeft() + g.filter());
            int cs = g.channels();
            System.arraycopy(a, ((h0 * g.width() + w0) * cs + c) * m + lo, out, row + lo, hi - lo);
            for (int h = h0; h < h1; h++) {
                for (int w = (h == h0 ? w0 + 1 : w0); w < w1; w++) {
                    int at = ((h * g.width() + w) * cs + c) * m;
                    for (int i = lo; i < hi; i++) {
                        out[row + i] = Math.max(out[row + i], a[at + i]);
                    }
                }
            }
        }

        private void average(int ho, int wo, int c, int lo, int hi, int row) {
            int h0 = Math.max(0, ho * g.stride() - g.padTop());
            int h1 = Math.min(g.height(), ho * g.stride() - g.padTop() + g.filter());
            int w0 = Math.max(0, wo * g.stride() - g.padLeft());
            int w1 = Math.min(g.width(), wo * g.stride() - g.padLeft() + g.filter());
            double count = (h1 - h0) * (w1 - w0);
            Arrays.fill(out, row + lo, row + hi, 0.0);
            for (int h = h0; h < h1; h++) {
                for (int w = w0; w < w1; w++) {
                    int at = ((h * g.width() + w) * g.channels() + c) * m;
                    for (int i = lo; i < hi; i++) {
                        out[row + i] += a[at + i];
                    }
                }
            }
            for (int i = lo; i < hi; i++) {
                out[row + i] /= count;
            }
        }

        private void spread(int ho, int wo, int c, int lo, int hi, int row) {
            int h0 = Math.max(0, ho * g.stride() - g.padTop());
            int h1 = Math.min(g.height(), ho * g.stride() - g.padTop() + g.filter());
            int w0 = Math.max(0, wo * g.stride() - g.padLeft());
            int w1 = Math.min(g.width(), wo * g.stride() - g.padLeft() + g.filter());
            double count = (h1 - h0) * (w1 - w0);
            for (int h = h0; h < h1; h++) {
                for (int w = w0; w < w1; w++) {
                    int at = ((h * g.width() + w) * g.channels() + c) * m;
                    for (int i = lo; i < hi; i++) {
                        out[at + i] += x[row + i] / count;
                    }
                }
            }
        }
    }
}
