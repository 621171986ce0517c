package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.data.DataFiles;
import io.github.gradgraph.nn.data.DataSource;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Fixtures;
import io.github.gradgraph.nn.data.NumericArray;
import io.github.gradgraph.nn.io.InitialParameters;
import io.github.gradgraph.nn.optim.GradientDescent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * A published cost table must be reproducible: given initial weights, the full batch and plain gradient descent, the
 * trainer's history and final parameters equal an independent implementation of the textbook equations, written here
 * with EJML alone — Z[l] = W[l]·A[l−1] + b[l], A[l] = g(Z[l]), J = −(1/m)·Σ(Y·log A[L] + (1 − Y)·log(1 − A[L])),
 * dZ[L] = A[L] − Y, dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ, db[l] = (1/m)·Σ dZ[l], dA[l−1] = W[l]ᵀ·dZ[l],
 * dZ[l] = dA[l] ⊙ g′(Z[l]), W := W − α·dW.
 */
class ReproductionTest {
    private static final double TOLERANCE = 1e-12;

    @Test
    void weightsAndDataFromNumpyFiles_tanhNetwork_matchesTheHandWrittenEquations() {
        Dataset data = DataFiles.load(DataSource.of(Fixtures.file("data.npz")));
        Network net = new Network(new NetworkSpec(new int[] {2, 3, 1}, Activation.TANH, Activation.SIGMOID,
                LossKind.BCE, 0));
        ParameterStore store = InitialParameters.load(Fixtures.file("weights.npz"), net);
        assertReproduces(net, store, data, 0.5, 40);
    }

    @Test
    void deeperReluNetwork_onImagesLikeTheCourse_matchesTheHandWrittenEquations() {
        Random r = new Random(11);
        int m = 60;
        double[] pixels = new double[m * 4 * 4 * 3];
        double[] labels = new double[m];
        for (int j = 0; j < m; j++) {
            labels[j] = r.nextInt(2);
            for (int i = 0; i < 48; i++) {
                pixels[j * 48 + i] = (r.nextInt(200) + (labels[j] == 1 && i % 3 == 0 ? 55 : 0)) / 255.0;
            }
        }
        Dataset data = DataFiles.fromArrays("images", new NumericArray("x", new int[] {m, 4, 4, 3}, pixels),
                new NumericArray("y", new int[] {m}, labels));
        Network net = new Network(new NetworkSpec(new int[] {48, 10, 7, 5, 1}, Activation.RELU, Activation.SIGMOID,
                LossKind.BCE, 0));
        ParameterStore store = Initializer.HE.initialize(net, new ParameterStore(), 3);
        assertReproduces(net, store, data, 0.0075 * 20, 60);
    }

    private static void assertReproduces(Network net, ParameterStore store, Dataset data, double lr, int epochs) {
        int depth = net.spec().depth();
        List<DMatrixRMaj> w = new ArrayList<>();
        List<DMatrixRMaj> b = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            w.add(store.get(net.weight(l)).copy());
            b.add(store.get(net.bias(l)).copy());
        }
        TrainingHistory history = new Trainer(net, new GradientDescent(lr)).fit(store, data, null,
                new TrainingPlan(epochs, TrainingPlan.FULL_BATCH, 99, 0), null);
        DMatrixRMaj y = data.targets(1);
        for (int e = 0; e < epochs; e++) {
            double cost = handStep(net.spec(), w, b, data.x(), y, lr);
            assertClose(cost, history.epochs().get(e).loss(), "J before update " + (e + 1));
            assertEquals(e + 1, history.epochs().get(e).epoch());
        }
        for (int l = 1; l <= depth; l++) {
            assertAllClose(w.get(l - 1), store.get(net.weight(l)), "W" + l);
            assertAllClose(b.get(l - 1), store.get(net.bias(l)), "b" + l);
        }
        assertTrue(history.finalLoss() < history.losses()[0], "the cost goes down");
    }

    /** One step of the textbook equations; updates w and b; returns J before the update. */
    private static double handStep(NetworkSpec spec, List<DMatrixRMaj> w, List<DMatrixRMaj> b, DMatrixRMaj x,
            DMatrixRMaj y, double lr) {
        int depth = spec.depth();
        int m = x.numCols;
        List<DMatrixRMaj> a = new ArrayList<>(List.of(x));
        List<DMatrixRMaj> z = new ArrayList<>();
        z.add(null);
        for (int l = 1; l <= depth; l++) {
            DMatrixRMaj zl = new DMatrixRMaj(spec.size(l), m);
            CommonOps_DDRM.mult(w.get(l - 1), a.get(l - 1), zl);
            DMatrixRMaj al = new DMatrixRMaj(spec.size(l), m);
            for (int i = 0; i < zl.numRows; i++) {
                for (int j = 0; j < m; j++) {
                    zl.set(i, j, zl.get(i, j) + b.get(l - 1).get(i, 0));
                    al.set(i, j, g(spec.activation(l), zl.get(i, j)));
                }
            }
            z.add(zl);
            a.add(al);
        }
        DMatrixRMaj out = a.get(depth);
        double sum = 0;
        for (int j = 0; j < m; j++) {
            double p = out.get(0, j);
            sum += y.get(0, j) * Math.log(p) + (1 - y.get(0, j)) * Math.log(1 - p);
        }
        double cost = -sum / m;
        DMatrixRMaj dz = new DMatrixRMaj(out.numRows, m);
        CommonOps_DDRM.subtract(out, y, dz);
        for (int l = depth; l >= 1; l--) {
            DMatrixRMaj dw = new DMatrixRMaj(spec.size(l), spec.size(l - 1));
            CommonOps_DDRM.multTransB(1.0 / m, dz, a.get(l - 1), dw);
            DMatrixRMaj db = new DMatrixRMaj(spec.size(l), 1);
            CommonOps_DDRM.sumRows(dz, db);
            CommonOps_DDRM.scale(1.0 / m, db);
            DMatrixRMaj next = null;
            if (l > 1) {
                DMatrixRMaj da = new DMatrixRMaj(spec.size(l - 1), m);
                CommonOps_DDRM.multTransA(w.get(l - 1), dz, da);
                next = new DMatrixRMaj(da.numRows, m);
                for (int i = 0; i < da.getNumElements(); i++) {
                    next.data[i] = da.data[i] * gPrime(spec.activation(l - 1), z.get(l - 1).data[i]);
                }
            }
            CommonOps_DDRM.addEquals(w.get(l - 1), -lr, dw);
            CommonOps_DDRM.addEquals(b.get(l - 1), -lr, db);
            dz = next;
        }
        return cost;
    }

    private static double g(Activation act, double v) {
        switch (act) {
            case RELU: return Math.max(0, v);
            case TANH: return Math.tanh(v);
            case SIGMOID: return 1 / (1 + Math.exp(-v));
            default: throw new IllegalArgumentException(act.toString());
        }
    }

    private static double gPrime(Activation act, double v) {
        switch (act) {
            case RELU: return v > 0 ? 1 : 0;
            case TANH: return 1 - Math.tanh(v) * Math.tanh(v);
            case SIGMOID: return g(act, v) * (1 - g(act, v));
            default: throw new IllegalArgumentException(act.toString());
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        double rel = Math.abs(expected - actual) / Math.max(Math.abs(expected), 1e-300);
        assertTrue(rel <= TOLERANCE, what + ": hand " + expected + ", gradgraph " + actual + " (relative " + rel + ")");
    }

    private static void assertAllClose(DMatrixRMaj expected, DMatrixRMaj actual, String what) {
        double scale = CommonOps_DDRM.elementMaxAbs(expected);
        for (int i = 0; i < expected.getNumElements(); i++) {
            double d = Math.abs(expected.data[i] - actual.data[i]);
            assertTrue(d <= TOLERANCE * Math.max(Math.abs(expected.data[i]), scale),
                    what + "[" + i + "]: hand " + expected.data[i] + ", gradgraph " + actual.data[i]);
        }
    }
}
