package io.github.gradgraph.spark;

import io.github.gradgraph.core.Precision;
import io.github.gradgraph.nn.data.Dataset;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * A block of samples in the column-per-sample layout, the unit of work of a partition: features n[0] × b and targets
 * n[L] × b, row-major, as plain arrays so that Kryo moves them without EJML. (A class, not a record: Spark's Kryo
 * cannot set a record's fields.) A float32 run's executors round the block once, on first use, and keep the float copy
 * beside it for every later step ({@link #xFloat}); the copy is never serialized.
 */
public final class SampleBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int features;
    private final int outputs;
    private final int size;
    private final double[] x;
    private final double[] y;
    /** Features and targets rounded to float32, made together on first use; never serialized. */
    private transient volatile FMatrixRMaj[] asFloat;

    /**
     * @param features n[0]
     * @param outputs  n[L]
     * @param size     b, the samples in the block
     * @param x        n[0] × b features, row-major; not copied
     * @param y        n[L] × b targets (0/1 or one-hot), row-major; not copied
     */
    public SampleBlock(int features, int outputs, int size, double[] x, double[] y) {
        if (x.length != features * size || y.length != outputs * size) {
            throw new IllegalArgumentException("a block of " + size + " samples needs " + features * size
                    + " features and " + outputs * size + " targets, got " + x.length + " and " + y.length);
        }
        this.features = features;
        this.outputs = outputs;
        this.size = size;
        this.x = x;
        this.y = y;
    }

    /** @return b, the samples in the block */
    public int size() {
        return size;
    }

    /** @return the features as a matrix (a view of this block's array) */
    public DMatrixRMaj xMatrix() {
        return DMatrixRMaj.wrap(features, size, x);
    }

    /** @return the targets as a matrix (a view of this block's array) */
    public DMatrixRMaj yMatrix() {
        return DMatrixRMaj.wrap(outputs, size, y);
    }

    /**
     * @return the features rounded to float32, made on the first call and kept (half again the block's memory while
     *     the block is cached), so that a float32 program reads them in place instead of rounding them every step
     */
    public FMatrixRMaj xFloat() {
        return asFloat()[0];
    }

    /** @return the targets rounded to float32, as {@link #xFloat} */
    public FMatrixRMaj yFloat() {
        return asFloat()[1];
    }

    private FMatrixRMaj[] asFloat() {
        FMatrixRMaj[] f = asFloat;
        if (f == null) { // two threads rounding the same block at once would make equal copies
            f = new FMatrixRMaj[] {Precision.toFloat(xMatrix()), Precision.toFloat(yMatrix())};
            asFloat = f;
        }
        return f;
    }

    /** @return whether {@link #xFloat} has been made (for tests) */
    boolean rounded() {
        return asFloat != null;
    }

    /**
     * Cuts a data set into blocks of consecutive samples.
     *
     * @param data      the samples
     * @param outputs   the network's output units (1 for 0/1 targets, K for one-hot)
     * @param blockSize at most this many samples per block
     */
    public static List<SampleBlock> of(Dataset data, int outputs, int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("the block size must be at least 1, got " + blockSize);
        }
        DMatrixRMaj y = data.targets(outputs);
        List<SampleBlock> blocks = new ArrayList<>();
        for (int start = 0; start < data.size(); start += blockSize) {
            int b = Math.min(blockSize, data.size() - start);
            double[] bx = new double[data.features() * b];
            double[] by = new double[outputs * b];
            for (int i = 0; i < data.features(); i++) {
                System.arraycopy(data.x().data, i * data.size() + start, bx, i * b, b);
            }
            for (int i = 0; i < outputs; i++) {
                System.arraycopy(y.data, i * data.size() + start, by, i * b, b);
            }
            blocks.add(new SampleBlock(data.features(), outputs, b, bx, by));
        }
        return blocks;
    }
}
