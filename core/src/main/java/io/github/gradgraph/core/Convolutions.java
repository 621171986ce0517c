package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;

/**
 * 2-D convolution (cross-correlation, no kernel flip) of image batches laid out one column per image, channels-last:
 * an (H·W·C) × m matrix with row ((h·W) + w)·C + c. A filter bank is C_out × (f·f·C_in), column ((p·f) + q)·C_in + k,
 * so each output is W·patch as in Z = W·A. The output is (P·C_out) × m for P = outHeight·outWidth positions.
 *
 * <p>The kernels are GEMMs over a patch matrix: row k = ((p·f) + q)·C_in + c of the patch matrix holds, for each
 * window position and image, the input value under filter tap (p, q, c) — K × (P·m), each run of m values one
 * contiguous copy, since the batch is the innermost index. W·patches gives the output channel-major, C_out × (P·m),
 * and one pass moves it to (P·C_out) × m, adding the bias on the way; the forward pass and the filter gradient do it
 * tile by tile of positions ({@link ConvTiles}), so that a tile's patch matrix stays in cache. The input gradient is Wᵀ·dZ folded back onto the
 * image (col2im, written as a gather so that rows split over threads never collide); the filter gradient is
 * dZ·patchesᵀ. The patch matrix and the channel-major product live in the thread's {@link Scratch}. Output last,
 * written in place, nothing allocated in the steady state.
 */
public final class Convolutions {
    private static final ThreadLocal<Job> JOBS = ThreadLocal.withInitial(Job::new);

    private Convolutions() {
    }

    /**
     * Z = W ⊛ A (+ b per output channel).
     *
     * @param a    the images, (H·W·C_in) × m. Not modified.
     * @param w    the filters, C_out × (f·f·C_in). Not modified.
     * @param bias C_out × 1, or null for none. Not modified.
     * @param out  Modified. (P·C_out) × m.
     */
    public static void conv(ConvGeometry g, DMatrixRMaj a, DMatrixRMaj w, DMatrixRMaj bias, DMatrixRMaj out) {
        int m = a.numCols;
        int cOut = w.numRows;
        checkImages("conv input", g, a);
        checkFilters(g, w);
        checkOutput("conv output", g.positions() * cOut, m, out);
        if (bias != null && (bias.numRows != cOut || bias.numCols != 1)) {
            throw new IllegalArgumentException("conv bias: " + bias.numRows + "×" + bias.numCols + " for " + cOut
                    + " filters");
        }
        ConvTiles.conv(g, a, w, bias, out);
    }

    /**
     * dA = Wᵀ·dZ folded back onto the image: the gradient of {@link #conv} with respect to its input, and the
     * transposed convolution.
     *
     * @param dz the output gradient, (P·C_out) × m. Not modified.
     * @param w  the filters, C_out × (f·f·C_in). Not modified.
     * @param da Modified. (H·W·C_in) × m.
     */
    public static void convInputGrad(ConvGeometry g, DMatrixRMaj dz, DMatrixRMaj w, DMatrixRMaj da) {
        int m = dz.numCols;
        int cOut = w.numRows;
        checkFilters(g, w);
        checkOutput("conv output gradient", g.positions() * cOut, m, dz);
        checkOutput("conv input gradient", g.inputRows(), m, da);
        Scratch s = Scratch.get();
        s.product.reshape(cOut, g.positions() * m, false);
        job().moveChannels(Job.TO_CHANNEL_MAJOR, g.positions(), cOut, m, dz.data, s.product.data);
        s.cols.reshape(g.patch(), g.positions() * m, false);
        MatMul.mult(true, false, w, s.product, s.cols);
        col2im(g, s.cols, da);
    }

    /**
     * dW = dZ·patches(A)ᵀ: the gradient of {@link #conv} with respect to its filters (summed over the batch).
     *
     * @param a  the images, (H·W·C_in) × m. Not modified.
     * @param dz the output gradient, (P·C_out) × m. Not modified.
     * @param dw Modified. C_out × (f·f·C_in).
     */
    public static void convFilterGrad(ConvGeometry g, DMatrixRMaj a, DMatrixRMaj dz, DMatrixRMaj dw) {
        int m = a.numCols;
        int cOut = dw.numRows;
        checkImages("conv input", g, a);
        checkOutput("conv output gradient", g.positions() * cOut, m, dz);
        checkOutput("conv filter gradient", cOut, g.patch(), dw);
        // dWᵀ = patches·dZᵀ tile by tile, then transposed: the long inner dimension runs down the rows of both
        // operands, which the BLAS multiplies about twice as fast as dZ·patchesᵀ at LeNet-5's and the SIGNS net's shapes
        ConvTiles.filterGrad(g, a, dz, dw);
    }

    /**
     * The patch matrix: row ((p·f) + q)·C + c, column pos·m + i holds the input under filter tap (p, q, c) at window
     * position pos of image i, or 0 in the padding.
     *
     * @param a    the images, (H·W·C) × m. Not modified.
     * @param cols Modified: reshaped to (f·f·C) × (P·m).
     */
    public static void im2col(ConvGeometry g, DMatrixRMaj a, DMatrixRMaj cols) {
        checkImages("im2col input", g, a);
        int m = a.numCols;
        cols.reshape(g.patch(), g.positions() * m, false);
        job().patches(Job.IM2COL, g, m, a.data, cols.data);
    }

    /**
     * The adjoint of {@link #im2col}: every input value receives the sum of the patch-matrix entries that copied it.
     *
     * @param cols (f·f·C) × (P·m). Not modified.
     * @param a    Modified. (H·W·C) × m.
     */
    public static void col2im(ConvGeometry g, DMatrixRMaj cols, DMatrixRMaj a) {
        checkOutput("col2im input", g.patch(), g.positions() * a.numCols, cols);
        checkImages("col2im output", g, a);
        job().patches(Job.COL2IM, g, a.numCols, cols.data, a.data);
    }

    /**
     * out[c] = Σ over positions and images of x[(pos·C + c), i]: a per-channel bias's gradient.
     *
     * @param x   (P·C) × n. Not modified.
     * @param out Modified. C × 1.
     */
    @SuppressWarnings("cast") // the cast is the float32 twin's one rounding of the float64 sum
    public static void channelSum(int channels, DMatrixRMaj x, DMatrixRMaj out) {
        checkChannels(channels, x.numRows);
        checkOutput("channel sum", channels, 1, out);
        int n = x.numCols;
        int positions = x.numRows / channels;
        // one float64 accumulator per channel and column, added to position after position (a vector loop), then
        // each channel's n accumulators summed
        @F64 double[] acc = Scratch.get().sums(channels * n);
        java.util.Arrays.fill(acc, 0, channels * n, 0.0);
        for (int pos = 0; pos < positions; pos++) {
            for (int c = 0; c < channels; c++) {
                int from = (pos * channels + c) * n;
                int to = c * n;
                for (int i = 0; i < n; i++) {
                    acc[to + i] += x.data[from + i];
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            @F64 double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += acc[c * n + i];
            }
            out.data[c] = (double) sum;
        }
    }

    /**
     * out[(pos·C + c), j] = b[c, j]: a per-channel column repeated at every position (the adjoint of {@link
     * #channelSum} for one column).
     *
     * @param b   C × n. Not modified.
     * @param out Modified. (P·C) × n.
     */
    public static void channelTile(int positions, DMatrixRMaj b, DMatrixRMaj out) {
        checkOutput("channel tile", positions * b.numRows, b.numCols, out);
        int block = b.getNumElements();
        for (int pos = 0; pos < positions; pos++) {
            System.arraycopy(b.data, 0, out.data, pos * block, block);
        }
    }

    static void checkChannels(int channels, int rows) {
        if (channels < 1 || rows % channels != 0) {
            throw new IllegalArgumentException(rows + " rows are not whole positions of " + channels + " channels");
        }
    }

    static void checkImages(String what, ConvGeometry g, DMatrixRMaj a) {
        if (a.numRows != g.inputRows()) {
            throw new IllegalArgumentException(what + ": " + a.numRows + " rows for " + g.image() + " images ("
                    + g.inputRows() + " rows)");
        }
    }

    static void checkFilters(ConvGeometry g, DMatrixRMaj w) {
        if (w.numCols != g.patch()) {
            throw new IllegalArgumentException("conv filters: " + w.numRows + "×" + w.numCols + " for a "
                    + g.filter() + "×" + g.filter() + " filter over " + g.channels() + " channels (" + g.patch()
                    + " columns)");
        }
    }

    static void checkOutput(String what, int rows, int cols, DMatrixRMaj out) {
        if (out.numRows != rows || out.numCols != cols) {
            throw new IllegalArgumentException(what + ": " + out.numRows + "×" + out.numCols + ", expected " + rows
                    + "×" + cols);
        }
    }

    private static Job job() {
        return JOBS.get();
    }

    /** The reusable job of a split pass, one per thread, so that splitting allocates nothing. */
    private static final class Job implements Parallel.RangeJob {
        static final int IM2COL = 0;
        static final int COL2IM = 1;
        static final int TO_CHANNEL_MAJOR = 2;

        private int kind;
        private ConvGeometry g;
        private int m;
        private int positions;
        private int channels;
        private double[] from;
        private double[] to;

        void patches(int kind, ConvGeometry g, int m, double[] from, double[] to) {
            this.kind = kind;
            this.g = g;
            this.m = m;
            run(kind == IM2COL ? g.patch() : g.height(), from, to,
                    (long) g.patch() * g.positions() * m);
        }

        void moveChannels(int kind, int positions, int channels, int m, double[] from, double[] to) {
            this.kind = kind;
            this.positions = positions;
            this.channels = channels;
            this.m = m;
            run(positions, from, to, (long) positions * channels * m);
        }

        private void run(int units, double[] from, double[] to, long work) {
            this.from = from;
            this.to = to;
            try {
                if (work < ParallelOps.PARALLEL_ELEMENTS) {
                    run(0, units);
                } else {
                    Parallel.shared().split(units, 1, this);
                }
            } finally {
                this.from = null;
                this.to = null;
                this.g = null;
            }
        }

        @Override
        public void run(int lo, int hi) {
            switch (kind) {
                case IM2COL -> im2colRows(lo, hi);
                case COL2IM -> col2imRows(lo, hi);
                default -> toChannelMajor(lo, hi);
            }
        }

        /** Patch rows [lo, hi): row k = ((p·f) + q)·C + c. */
        private void im2colRows(int lo, int hi) {
            int f = g.filter();
            int cIn = g.channels();
            int outH = g.outHeight();
            int outW = g.outWidth();
            int rowLength = outH * outW * m;
            for (int k = lo; k < hi; k++) {
                int c = k % cIn;
                int q = (k / cIn) % f;
                int p = k / (cIn * f);
                int base = k * rowLength;
                for (int ho = 0; ho < outH; ho++) {
                    int h = ho * g.stride() + p - g.padTop();
                    int at = base + ho * outW * m;
                    if (h < 0 || h >= g.height()) {
                        java.util.Arrays.fill(to, at, at + outW * m, 0.0);
                        continue;
                    }
                    for (int wo = 0; wo < outW; wo++, at += m) {
                        int w = wo * g.stride() + q - g.padLeft();
                        if (w < 0 || w >= g.width()) {
                            java.util.Arrays.fill(to, at, at + m, 0.0);
                        } else {
                            System.arraycopy(from, ((h * g.width() + w) * cIn + c) * m, to, at, m);
                        }
                    }
                }
            }
        }

        /** Image rows h in [lo, hi): each input value gathers the patch entries that copied it. */
        private void col2imRows(int lo, int hi) {
            int f = g.filter();
            int cIn = g.channels();
            int s = g.stride();
            int outH = g.outHeight();
            int outW = g.outWidth();
            int rowLength = outH * outW * m;
            for (int h = lo; h < hi; h++) {
                java.util.Arrays.fill(to, h * g.width() * cIn * m, (h + 1) * g.width() * cIn * m, 0.0);
                for (int p = 0; p < f; p++) {
                    int hp = h + g.padTop() - p;
                    if (hp < 0 || hp % s != 0 || hp / s >= outH) {
                        continue;
                    }
                    int ho = hp / s;
                    for (int w = 0; w < g.width(); w++) {
                        for (int q = 0; q < f; q++) {
                            int wq = w + g.padLeft() - q;
                            if (wq < 0 || wq % s != 0 || wq / s >= outW) {
                                continue;
                            }
                            int src = ((p * f + q) * cIn) * rowLength + (ho * outW + wq / s) * m;
                            int dst = (h * g.width() + w) * cIn * m;
                            for (int c = 0; c < cIn; c++, src += rowLength, dst += m) {
                                for (int i = 0; i < m; i++) {
                                    to[dst + i] += from[src + i];
                                }
                            }
                        }
                    }
                }
            }
        }

        /** Positions [lo, hi): (pos, c, i) → (c, pos, i). */
        private void toChannelMajor(int lo, int hi) {
            int rowLength = positions * m;
            for (int pos = lo; pos < hi; pos++) {
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(from, (pos * channels + c) * m, to, c * rowLength + pos * m, m);
                }
            }
        }
    }
}
