package io.github.gradgraph.graph.exec;

import io.github.gradgraph.core.ParallelPrecision;
import io.github.gradgraph.core.Precision;
import io.github.gradgraph.graph.Constant;
import io.github.gradgraph.graph.FeedException;
import io.github.gradgraph.graph.Input;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Parameter;
import io.github.gradgraph.graph.ParameterStore;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.data.Matrix;

/**
 * The buffers of a float32 program at one batch size, and its run. Computed steps get float storage laid out by
 * {@link BufferLayout} (half the bytes of the float64 plan); inputs and parameters get a float buffer each, into
 * which a run rounds the float64 feeds and parameter values (a per-run pass over them: the float64 master weights'
 * price); constants are rounded once, here. Each output also has a float64 buffer that a run widens it into
 * (exactly), so {@link Values#get} reads float64 as in every program, and {@link Values#getFloat} the float32 value.
 * A feed given in float32 is read in place: its step's slot is the caller's matrix for that run.
 */
final class Float32Plan {
    private final FMatrixRMaj[] slots;
    /** Each step's own float buffer, which a slot returns to when its feed is float64 again. */
    private final FMatrixRMaj[] own;
    /** Float64 copies of float32 feeds that are also outputs (made when first needed). */
    private final DMatrixRMaj[] wideFeeds;
    private final FMatrixRMaj[][] arguments;
    private final DMatrixRMaj[] wide;
    private final int batch;
    private final long bytes;
    private Values values;

    Float32Plan(Node[] steps, int[][] args, boolean[] isOutput, int m) {
        this.batch = m;
        BufferLayout layout = new BufferLayout(steps, args, isOutput, m);
        float[][] storage = new float[layout.lengths.length][];
        for (int s = 0; s < storage.length; s++) {
            storage[s] = new float[layout.lengths[s]];
        }
        long elements = layout.elements();
        long wideElements = 0;
        slots = new FMatrixRMaj[steps.length];
        arguments = new FMatrixRMaj[steps.length][];
        wide = new DMatrixRMaj[steps.length];
        for (int i = 0; i < steps.length; i++) {
            Node node = steps[i];
            int rows = node.shape().rows(m);
            int cols = node.shape().cols(m);
            arguments[i] = new FMatrixRMaj[args[i].length];
            if (layout.storageOf[i] >= 0) {
                slots[i] = FMatrixRMaj.wrap(rows, cols, storage[layout.storageOf[i]]);
            } else if (node.op() instanceof Constant c) {
                slots[i] = Precision.toFloat(c.view());
                elements += slots[i].getNumElements();
            } else {
                slots[i] = new FMatrixRMaj(rows, cols);
                elements += slots[i].getNumElements();
            }
            if (isOutput[i] && !BufferLayout.isLeaf(node)) {
                wide[i] = new DMatrixRMaj(rows, cols);
                wideElements += wide[i].getNumElements();
            }
        }
        bytes = 4L * elements + 8L * wideElements;
        own = slots.clone();
        wideFeeds = new DMatrixRMaj[steps.length];
    }

    /**
     * Rounds every feed and parameter value into its float buffer, checking (when {@code finite}, as a fully checked
     * run scans its feeds) that each fits float32's range, before anything is computed. Unchecked, a value beyond the
     * range becomes ±∞ in float32 and, if it reaches an output, the output check's diagnosis names it
     * ({@link #outOfRange}).
     *
     * @throws FeedException naming the feed or parameter and the element that overflows float32
     */
    void bind(Node[] steps, Map<String, ? extends Matrix> feeds, ParameterStore params, boolean finite) {
        for (int i = 0; i < steps.length; i++) {
            if (steps[i].op() instanceof Constant) {
                continue;
            }
            Matrix leaf = leafValue(steps[i], feeds, params);
            if (leaf instanceof FMatrixRMaj given) {
                slots[i] = given; // a feed already in float32: read in place
                continue;
            }
            DMatrixRMaj value = (DMatrixRMaj) leaf;
            if (value == null) {
                continue;
            }
            slots[i] = own[i];
            ParallelPrecision.narrow(value, slots[i]);
            if (finite && !ParallelPrecision.allFinite(slots[i])) {
                throw new FeedException(outOfRange(steps[i], value, Precision.firstNonFinite(slots[i])));
            }
        }
    }

    /**
     * @return the first element of a feed or parameter's float64 value that float32 cannot hold, described, or null
     *     when every element fits
     */
    static String outOfRange(Node leaf, DMatrixRMaj value) {
        for (int k = 0, n = value.getNumElements(); k < n; k++) {
            if (Float.isInfinite((float) value.data[k]) && !Double.isInfinite(value.data[k])) {
                return outOfRange(leaf, value, k);
            }
        }
        return null;
    }

    private static String outOfRange(Node leaf, DMatrixRMaj value, int k) {
        String what = leaf.op() instanceof Input in ? "feed '" + in.label() + "'"
                : "parameter '" + ((Parameter) leaf.op()).label() + "'";
        return what + ": " + value.data[k] + " at row " + k / value.numCols + ", column " + k % value.numCols
                + " is outside float32's range (±3.4e38); this program computes in float32";
    }

    /** Runs the computed steps, then widens the outputs. */
    void compute(Node[] steps, int[][] args, Kernel32[] kernels, boolean[] isOutput,
            Map<String, ? extends Matrix> feeds, ParameterStore params) {
        for (int i = 0; i < steps.length; i++) {
            if (BufferLayout.isLeaf(steps[i])) {
                continue;
            }
            FMatrixRMaj[] in = arguments[i];
            for (int k = 0; k < in.length; k++) {
                in[k] = slots[args[i][k]];
            }
            try {
                kernels[i].run(in, slots[i]);
            } catch (RuntimeException e) {
                Node node = steps[i];
                throw new io.github.gradgraph.graph.GraphException("computing " + node.describe() + " (made at "
                        + node.site() + ") in float32 failed: " + e.getMessage(), e);
            }
        }
        for (int i = 0; i < steps.length; i++) {
            if (isOutput[i]) {
                if (BufferLayout.isLeaf(steps[i])) { // a leaf asked for as an output: its own value
                    Matrix value = leafValue(steps[i], feeds, params);
                    wide[i] = value instanceof FMatrixRMaj f ? widenedFeed(i, f) : (DMatrixRMaj) value;
                } else {
                    ParallelPrecision.widen(slots[i], wide[i]);
                }
            }
        }
    }

    private DMatrixRMaj widenedFeed(int i, FMatrixRMaj f) {
        if (wideFeeds[i] == null || wideFeeds[i].numRows != f.numRows || wideFeeds[i].numCols != f.numCols) {
            wideFeeds[i] = new DMatrixRMaj(f.numRows, f.numCols);
        }
        ParallelPrecision.widen(f, wideFeeds[i]);
        return wideFeeds[i];
    }

    private static Matrix leafValue(Node node, Map<String, ? extends Matrix> feeds, ParameterStore params) {
        if (node.op() instanceof Input in) {
            return feeds.get(in.label());
        }
        if (node.op() instanceof Parameter p) {
            return params.get(p.label());
        }
        if (node.op() instanceof Constant c) {
            return c.view();
        }
        return null;
    }

    /** @return the float32 value slots, one per step */
    FMatrixRMaj[] slots() {
        return slots;
    }

    /** @return the float64 copies of the outputs, by step (null elsewhere) */
    DMatrixRMaj[] wide() {
        return wide;
    }

    /** @return the one {@link Values} view of this plan's outputs, made on first use */
    Values values(Program program) {
        if (values == null) {
            values = new Values(program, wide, slots, batch);
        }
        return values;
    }

    /** @return bytes of storage allocated by this plan: float buffers and the float64 copies of the outputs */
    long bytes() {
        return bytes;
    }
}
