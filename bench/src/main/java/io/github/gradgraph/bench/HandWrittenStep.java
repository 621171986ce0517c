package io.github.gradgraph.bench;

import io.github.gradgraph.core.BroadcastOps;
import io.github.gradgraph.core.Derivatives;
import io.github.gradgraph.core.MatMul;
import io.github.gradgraph.core.ParallelOps;
import io.github.gradgraph.core.Reductions;
import io.github.gradgraph.core.Softmax;
import io.github.gradgraph.core.UnaryOps;
import org.ejml.data.DMatrixRMaj;

/**
 * The textbook's equations written by hand over gradgraph's own kernels, with every buffer allocated once: the baseline
 * that measures what the autodiff costs. Relu hidden layers; sigmoid + binary cross-entropy or softmax + softmax
 * cross-entropy on the output; W := W − α·dW, b := b − α·db.
 *
 * <pre>
 * Z[l] = W[l]·A[l−1] + b[l];  A[l] = g(Z[l])
 * dZ[L] = A[L] − Y;  dZ[l] = (W[l+1]ᵀ·dZ[l+1]) ⊙ 1[Z[l] &gt; 0]
 * dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ;  db[l] = (1/m)·Σcols dZ[l]
 * </pre>
 */
public final class HandWrittenStep {
    private final int depth;
    private final boolean softmax;
    private final double lr;
    private final DMatrixRMaj[] w;
    private final DMatrixRMaj[] b;
    private final DMatrixRMaj[] z;
    private final DMatrixRMaj[] a;
    private final DMatrixRMaj[] dz;
    private final DMatrixRMaj[] dw;
    private final DMatrixRMaj[] db;
    private final DMatrixRMaj[] mask;
    private final DMatrixRMaj y;
    private final DMatrixRMaj lossRow;

    /**
     * @param layers  every layer size
     * @param softmax true for a softmax output
     * @param weights W[1..L], updated in place
     * @param biases  b[1..L], updated in place
     * @param x       n0×m; not modified
     * @param y       labels; not modified
     * @param lr      α
     */
    public HandWrittenStep(int[] layers, boolean softmax, DMatrixRMaj[] weights, DMatrixRMaj[] biases,
            DMatrixRMaj x, DMatrixRMaj y, double lr) {
        this.depth = layers.length - 1;
        this.softmax = softmax;
        this.lr = lr;
        this.w = weights;
        this.b = biases;
        this.y = y;
        int m = x.numCols;
        z = new DMatrixRMaj[depth + 1];
        a = new DMatrixRMaj[depth + 1];
        dz = new DMatrixRMaj[depth + 1];
        dw = new DMatrixRMaj[depth + 1];
        db = new DMatrixRMaj[depth + 1];
        mask = new DMatrixRMaj[depth + 1];
        a[0] = x;
        for (int l = 1; l <= depth; l++) {
            z[l] = new DMatrixRMaj(layers[l], m);
            a[l] = new DMatrixRMaj(layers[l], m);
            dz[l] = new DMatrixRMaj(layers[l], m);
            mask[l] = new DMatrixRMaj(layers[l], m);
            dw[l] = new DMatrixRMaj(layers[l], layers[l - 1]);
            db[l] = new DMatrixRMaj(layers[l], 1);
        }
        lossRow = new DMatrixRMaj(1, m);
    }

    /**
     * The hand-written step of a workload over the W1, b1, … of {@code params}, which it updates in place.
     *
     * @param feeds X and Y
     */
    public static HandWrittenStep of(Workload w, io.github.gradgraph.graph.ParameterStore params,
            java.util.Map<String, DMatrixRMaj> feeds, double lr) {
        int depth = w.layers().length - 1;
        DMatrixRMaj[] ws = new DMatrixRMaj[depth];
        DMatrixRMaj[] bs = new DMatrixRMaj[depth];
        for (int l = 1; l <= depth; l++) {
            ws[l - 1] = params.get("W" + l);
            bs[l - 1] = params.get("b" + l);
        }
        return new HandWrittenStep(w.layers(), w.softmax(), ws, bs, feeds.get("X"), feeds.get("Y"), lr);
    }

    /** @return J before the update, after one forward, backward and update */
    public double step() {
        int m = a[0].numCols;
        for (int l = 1; l <= depth; l++) {
            MatMul.mult(w[l - 1], a[l - 1], z[l]);
            BroadcastOps.add(z[l], b[l - 1], z[l]);
            if (l < depth) {
                UnaryOps.relu(z[l], a[l]);
            } else if (softmax) {
                Softmax.softmax(z[l], a[l]);
            } else {
                UnaryOps.sigmoid(z[l], a[l]);
            }
        }
        double loss = loss(m);
        BroadcastOps.sub(a[depth], y, dz[depth]);
        for (int l = depth; l >= 1; l--) {
            MatMul.multTransB(dz[l], a[l - 1], dw[l]);
            Reductions.sumAcrossColumns(dz[l], db[l]);
            if (l > 1) {
                MatMul.multTransA(w[l - 1], dz[l], dz[l - 1]);
                Derivatives.relu(z[l - 1], mask[l - 1]);
                BroadcastOps.mul(dz[l - 1], mask[l - 1], dz[l - 1]);
            }
            update(w[l - 1], dw[l], lr / m);
            update(b[l - 1], db[l], lr / m);
        }
        return loss;
    }

    private double loss(int m) {
        DMatrixRMaj zl = z[depth];
        if (softmax) {
            Softmax.logSumExp(zl, lossRow);
            double s = Reductions.sumAll(lossRow);
            for (int i = 0; i < zl.getNumElements(); i++) {
                s -= y.data[i] * zl.data[i];
            }
            return s / m;
        }
        double s = 0;
        for (int i = 0; i < zl.getNumElements(); i++) {
            s += UnaryOps.softplus(zl.data[i]) - y.data[i] * zl.data[i];
        }
        return s / m;
    }

    private static void update(DMatrixRMaj p, DMatrixRMaj g, double scaledLr) {
        ParallelOps.addEquals(p, -scaledLr, g); // the optimizer's kernel: split across cores when large
    }
}
