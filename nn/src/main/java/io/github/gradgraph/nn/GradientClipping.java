package io.github.gradgraph.nn;

import io.github.gradgraph.core.Reductions;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Clipping by value, and the global gradient norm and clipping by it, as PyTorch's {@code clip_grad_norm_}: ‖g‖ is the L2 norm over every
 * parameter's gradient taken together; with a maximum C each gradient is scaled by min(1, C/(‖g‖ + 1e-6)).
 */
public final class GradientClipping {
    /** Added to the norm before dividing, as PyTorch does. */
    public static final double EPS = 1e-6;

    private GradientClipping() {
    }

    /**
     * @param grads Not modified.
     * @return ‖g‖ over all of them, without overflow for gradients whose squares would overflow
     */
    public static double globalNorm(List<DMatrixRMaj> grads) {
        double sum = 0;
        for (int k = 0; k < grads.size(); k++) {
            DMatrixRMaj g = grads.get(k);
            sum += Reductions.sumOfSquares(g.data, 0, g.getNumElements());
        }
        if (Double.isFinite(sum)) {
            return Math.sqrt(sum);
        }
        double max = 0; // the squares overflowed: scale by the largest magnitude first
        for (DMatrixRMaj g : grads) {
            for (int i = 0; i < g.getNumElements(); i++) {
                max = Math.max(max, Math.abs(g.data[i]));
            }
        }
        double scaled = 0;
        for (DMatrixRMaj g : grads) {
            for (int i = 0; i < g.getNumElements(); i++) {
                double r = g.data[i] / max;
                scaled += r * r;
            }
        }
        return max * Math.sqrt(scaled);
    }

    /**
     * Clips every element into [−C, C], as PyTorch's {@code clip_grad_value_} and the classic course's
     * {@code np.clip(g, −C, C)}.
     *
     * @param grads    Modified.
     * @param maxValue C &gt; 0
     */
    public static void clipValues(List<DMatrixRMaj> grads, double maxValue) {
        for (DMatrixRMaj g : grads) {
            double[] d = g.data;
            for (int i = 0, n = g.getNumElements(); i < n; i++) {
                d[i] = Math.max(-maxValue, Math.min(maxValue, d[i]));
            }
        }
    }

    /**
     * Scales every gradient by min(1, C/(‖g‖ + 1e-6)).
     *
     * @param grads   Modified when their norm exceeds {@code maxNorm}.
     * @param norm    their {@link #globalNorm}
     * @param maxNorm C &gt; 0
     */
    public static void clip(List<DMatrixRMaj> grads, double norm, double maxNorm) {
        double scale = maxNorm / (norm + EPS);
        if (scale >= 1) {
            return;
        }
        for (DMatrixRMaj g : grads) {
            for (int i = 0, n = g.getNumElements(); i < n; i++) {
                g.data[i] *= scale;
            }
        }
    }
}
