package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;

/**
 * A convolution's forward pass and its filter gradient over tiles of window positions: each tile's patch matrix
 * (f·f·C rows, one run of m values per position) is small enough to stay in the core's cache while the BLAS reads
 * it, instead of one patch matrix for the whole batch written to memory and read back (50 MB in float32 for the
 * classic SIGNS net's first layer at batch 64). Tiles are shared out over the pool in a fixed number of parts, each
 * part on one thread with its own {@link Scratch}; the filter gradient sums each part's tiles into the caller's
 * partial sum for that part, then the parts in order, so the result does not depend on which thread ran what.
 */
final class ConvTiles implements Parallel.RangeJob {
    /** Values in a tile's patch matrix: 512 KiB in float64, 256 KiB in float32. */
    static final int TILE_VALUES = Integer.getInteger("gradgraph.conv.tile", 1 << 16);
    private static final ThreadLocal<ConvTiles> JOBS = ThreadLocal.withInitial(ConvTiles::new);

    private boolean forward;
    private ConvGeometry g;
    private int m;
    private int cOut;
    private int tile;
    private int tiles;
    private int parts;
    private double[] a;
    private DMatrixRMaj w;
    private double[] bias;
    private double[] z;
    private DMatrixRMaj[] partials;

    private ConvTiles() {
    }

    /** Z = W ⊛ A (+ b), as {@link Convolutions#conv}, whose checks have run. */
    static void conv(ConvGeometry g, DMatrixRMaj a, DMatrixRMaj w, DMatrixRMaj bias, DMatrixRMaj out) {
        ConvTiles job = JOBS.get();
        job.prepare(true, g, a, w.numRows, out.data);
        job.w = w;
        job.bias = bias == null ? null : bias.data;
        job.runParts();
    }

    /** dW = dZ·patches(A)ᵀ, as {@link Convolutions#convFilterGrad}, whose checks have run. */
    static void filterGrad(ConvGeometry g, DMatrixRMaj a, DMatrixRMaj dz, DMatrixRMaj dw) {
        ConvTiles job = JOBS.get();
        job.prepare(false, g, a, dw.numRows, dz.data);
        job.partials = Scratch.get().partials(job.parts, g.patch(), job.cOut);
        job.runParts();
        int k = g.patch();
        for (int c = 0; c < job.cOut; c++) {
            for (int row = 0; row < k; row++) {
                double sum = 0;
                for (int part = 0; part < job.parts; part++) {
                    sum += job.partials[part].data[row * job.cOut + c];
                }
                dw.data[c * k + row] = sum;
            }
        }
        job.partials = null;
    }

    private void prepare(boolean forward, ConvGeometry g, DMatrixRMaj a, int cOut, double[] z) {
        this.forward = forward;
        this.g = g;
        this.m = a.numCols;
        this.cOut = cOut;
        this.a = a.data;
        this.z = z;
        long perPosition = (long) g.patch() * m;
        this.tile = (int) Math.max(1, Math.min(g.positions(), TILE_VALUES / perPosition));
        this.tiles = (g.positions() + tile - 1) / tile;
        this.parts = Math.min(Parallel.shared().threads(), tiles);
    }

    private void runParts() {
        try {
            if (parts == 1) {
                run(0, 1);
            } else {
                Parallel.shared().split(parts, 1, this);
            }
        } finally {
            a = null;
            w = null;
            bias = null;
            z = null;
            g = null;
        }
    }

    /** Parts [lo, hi): part p holds tiles [p·tiles/parts, (p+1)·tiles/parts). */
    @Override
    public void run(int lo, int hi) {
        Scratch s = Scratch.get();
        for (int part = lo; part < hi; part++) {
            if (!forward) {
                partials[part].zero();
            }
            for (int t = part * tiles / parts; t < (part + 1) * tiles / parts; t++) {
                int p0 = t * tile;
                int p1 = Math.min(g.positions(), p0 + tile);
                int n = (p1 - p0) * m;
                s.cols.reshape(g.patch(), n, false);
                s.product.reshape(cOut, n, false);
                patches(p0, p1, s.cols.data);
                if (forward) {
                    MatMul.mult(false, false, w, s.cols, s.product);
                    fromChannelMajor(p0, p1, s.product.data);
                } else {
                    toChannelMajor(p0, p1, s.product.data);
                    MatMul.gemm(1.0, false, true, s.cols, s.product, 1.0, partials[part]);
                }
            }
        }
    }

    /** The patch matrix of positions [p0, p1): row ((p·f) + q)·C + c, column (pos − p0)·m + i. */
    private void patches(int p0, int p1, double[] cols) {
        int f = g.filter();
        int cIn = g.channels();
        int outW = g.outWidth();
        int n = (p1 - p0) * m;
        for (int k = 0; k < g.patch(); k++) {
            int c = k % cIn;
            int q = (k / cIn) % f;
            int p = k / (cIn * f);
            int at = k * n;
            for (int pos = p0; pos < p1; pos++, at += m) {
                int h = pos / outW * g.stride() + p - g.padTop();
                int w = pos % outW * g.stride() + q - g.padLeft();
                if (h < 0 || h >= g.height() || w < 0 || w >= g.width()) {
                    java.util.Arrays.fill(cols, at, at + m, 0.0);
                } else {
                    System.arraycopy(a, ((h * g.width() + w) * cIn + c) * m, cols, at, m);
                }
            }
        }
    }

    /** Z's positions [p0, p1) from the tile's channel-major product, plus the bias. */
    private void fromChannelMajor(int p0, int p1, double[] product) {
        int n = (p1 - p0) * m;
        for (int pos = p0; pos < p1; pos++) {
            for (int c = 0; c < cOut; c++) {
                int src = c * n + (pos - p0) * m;
                int dst = (pos * cOut + c) * m;
                if (bias == null) {
                    System.arraycopy(product, src, z, dst, m);
                } else {
                    double b = bias[c];
                    for (int i = 0; i < m; i++) {
                        z[dst + i] = product[src + i] + b;
                    }
                }
            }
        }
    }

    /** dZ's positions [p0, p1), channel-major. */
    private void toChannelMajor(int p0, int p1, double[] product) {
        int n = (p1 - p0) * m;
        for (int pos = p0; pos < p1; pos++) {
            for (int c = 0; c < cOut; c++) {
                System.arraycopy(z, (pos * cOut + c) * m, product, c * n + (pos - p0) * m, m);
            }
        }
    }
}
