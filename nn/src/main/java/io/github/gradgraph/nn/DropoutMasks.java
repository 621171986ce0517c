package io.github.gradgraph.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * The dropout masks of a training step, drawn without allocating and without shared generator state: element i of
 * layer l's mask at step key k is kept when a counter-based uniform u(k, l, i) — SplitMix64's mixing of the three,
 * as JAX's keyed generators — is at least P, and is then 1/(1 − P) (inverted dropout), else 0. The key of a step
 * follows from the run's seed, the epoch and the batch, so a resumed run draws the same masks, and any element can
 * be drawn on its own (by a worker holding only some columns).
 */
public final class DropoutMasks {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private DropoutMasks() {
    }

    /** @return the key of the step that trains batch {@code batch} (1-based) of epoch {@code epoch} (0-based) */
    public static long key(long seed, int epoch, int batch) {
        return mix(mix(seed ^ 0x64726F706F7574L) + GOLDEN * (epoch + 1L) + 0xD1B54A32D192ED03L * batch);
    }

    /**
     * Fills the mask of one layer.
     *
     * @param mask  Modified: every element set
     * @param p     the drop probability, in [0, 1)
     * @param key   the step's {@link #key}
     * @param layer l
     * @param firstColumn the batch column of the mask's column 0 (0 unless the batch is split across workers)
     */
    public static void fill(DMatrixRMaj mask, double p, long key, int layer, int firstColumn) {
        double keep = 1 / (1 - p);
        long layerKey = mix(key + GOLDEN * layer);
        int rows = mask.numRows;
        int cols = mask.numCols;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                long counter = (long) (firstColumn + c) * rows + r; // the element's place in the whole batch
                double u = (mix(layerKey + GOLDEN * counter) >>> 11) * 0x1p-53;
                mask.data[r * cols + c] = u >= p ? keep : 0.0;
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
