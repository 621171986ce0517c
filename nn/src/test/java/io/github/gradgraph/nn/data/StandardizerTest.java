package io.github.gradgraph.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.Metrics;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.Predictor;
import io.github.gradgraph.nn.Trainer;
import io.github.gradgraph.nn.optim.Optimizers;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class StandardizerTest {
    private static DMatrixRMaj times(DMatrixRMaj x, double factor) {
        DMatrixRMaj out = x.copy();
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] *= factor;
        }
        return out;
    }

    /** The plain two-pass formula, which the cluster's distributed fit also follows. */
    private static Standardizer plain(DMatrixRMaj x) {
        double[] mean = new double[x.numRows];
        double[] std = new double[x.numRows];
        for (int i = 0; i < x.numRows; i++) {
            double s = 0;
            for (int j = 0; j < x.numCols; j++) {
                s += x.get(i, j);
            }
            mean[i] = s / x.numCols;
            double v = 0;
            for (int j = 0; j < x.numCols; j++) {
                double d = x.get(i, j) - mean[i];
                v += d * d;
            }
            std[i] = Standardizer.std(v, x.numCols);
        }
        return new Standardizer(mean, std);
    }

    @Test
    void fit_dataNearOneE300_standardizesAsTheSameDataNearOne() {
        DMatrixRMaj x = Datasets.moons(200, 0.2, 3).x();
        DMatrixRMaj near1 = Standardizer.fit(x).apply(x);
        int checked = 0;
        for (double factor : new double[] {1e300, -1e300, 1e-300, 1e150, 1e-150}) {
            DMatrixRMaj big = times(x, factor);
            Standardizer st = Standardizer.fit(big);
            DMatrixRMaj seen = st.apply(big);
            for (int i = 0; i < x.numRows; i++) {
                assertTrue(Double.isFinite(st.std()[i]) && st.std()[i] > 0, "σ " + st.std()[i] + " × " + factor);
            }
            for (int k = 0; k < seen.data.length; k++) {
                // The standardized values are O(1): an absolute 1e-12 is 1e-12 relative to σ.
                assertEquals(Math.signum(factor) * near1.data[k], seen.data[k], 1e-12, "× " + factor + " at " + k);
                checked++;
            }
        }
        assertEquals(5 * x.getNumElements(), checked);
    }

    @Test
    void fit_powerOfTwoUnits_changeNoBit_andOrdinaryDataFitAsThePlainFormula() {
        DMatrixRMaj x = Datasets.spirals(3, 50, 7).x();
        Standardizer st = Standardizer.fit(x);
        Standardizer p = plain(x);
        assertArrayEquals(p.mean(), st.mean(), 0);
        assertArrayEquals(p.std(), st.std(), 0);
        DMatrixRMaj scaled = times(x, Math.scalb(1.0, 900));
        assertArrayEquals(st.apply(x).data, Standardizer.fit(scaled).apply(scaled).data, 0);
    }

    @Test
    void apply_extremesOfOppositeSign_doNotOverflow() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{-1.5e308, 1.5e308, -1.5e308, 1.5e308}});
        DMatrixRMaj seen = Standardizer.fit(x).apply(x);
        assertArrayEquals(new double[] {-1, 1, -1, 1}, seen.data, 1e-15);
    }

    @Test
    void fit_constantFeature_isCentredToExactlyZero_withUnitSigma() {
        // 0.1 + 0.1 + 0.1 is not 0.3: a mean computed by summing leaves a deviation of 1e-17 that σ would magnify.
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{0.1, 0.1, 0.1}, {1e300, 1e300, 1e300}, {1, 2, 3}});
        Standardizer st = Standardizer.fit(x);
        assertArrayEquals(new double[] {0.1, 1e300, 2}, st.mean(), 0);
        assertEquals(1, st.std()[0]);
        assertEquals(1, st.std()[1]);
        DMatrixRMaj seen = st.apply(x);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0}, java.util.Arrays.copyOf(seen.data, 6), 0);
    }

    @Test
    void fit_nonFiniteValue_namesTheFeatureAndSample() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2, 3}, {1, Double.NaN, 3}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(x));
        assertEquals("feature 2 of 2 (row 1 of the features) has the value NaN at sample 2; standardization needs "
                + "finite numbers", e.getMessage());
    }

    @Test
    void preprocessingFit_scaleThatOverflows_saysSo() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2}, {1e300, -1e300}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.fit(1e10, false, x));
        assertEquals("feature 2 of 2: 1.0E300 × the scale 1.0E10 = Infinity; values must stay finite",
                e.getMessage());
    }

    @Test
    void training_onDataNearOneE300_reachesTheSameAccuracyAsNearOne() {
        Dataset data = Datasets.moons(200, 0.2, 3);
        double[] accuracy = new double[2];
        double[] factors = {1, 1e300};
        for (int r = 0; r < 2; r++) {
            Dataset raw = data.withFeatures(times(data.x(), factors[r]));
            Preprocessing pre = Preprocessing.fit(1, true, raw.x());
            Dataset seen = raw.withFeatures(pre.apply(raw.x()));
            Network net = new Network(NetworkSpec.defaults());
            ParameterStore store = Initializer.XAVIER.initialize(net, new ParameterStore(), 1);
            new Trainer(net, Optimizers.create("adam", 0.01)).fit(store, seen, 200, 64, 1, null);
            accuracy[r] = Metrics.accuracy(new Predictor(net).predict(store, seen.x()), seen.labels());
        }
        assertTrue(accuracy[0] > 0.8, "accuracy near 1: " + accuracy[0]);
        assertEquals(accuracy[0], accuracy[1], 1e-12);
    }
}
