package io.github.gradgraph.nn.data;

import org.ejml.data.DMatrixRMaj;

/**
 * Per-feature standardization, x′ = (x − μ) / σ, fitted on the training part only and then applied unchanged to
 * test and prediction data. A feature with σ = 0 is only centred.
 *
 * @param mean μ per feature
 * @param std  σ per feature (1 where the training data had none)
 */
public record Standardizer(double[] mean, double[] std) {
    public Standardizer {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std differ in length");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** @return μ and σ of each row (feature) of {@code x}, n×m */
    public static Standardizer fit(DMatrixRMaj x) {
        int n = x.numRows;
        int m = x.numCols;
        double[] mean = new double[n];
        double[] std = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += x.get(i, j);
            }
            mean[i] = s / m;
            double v = 0;
            for (int j = 0; j < m; j++) {
                double d = x.get(i, j) - mean[i];
                v += d * d;
            }
            std[i] = std(v, m);
        }
        return new Standardizer(mean, std);
    }

    /**
     * @param squaredDeviations Σ(x − μ)² of one feature
     * @param m                 the samples
     * @return σ = √(Σ(x − μ)²/m), or 1 for a constant feature (which standardization then leaves at 0)
     */
    public static double std(double squaredDeviations, long m) {
        double sd = Math.sqrt(squaredDeviations / m);
        return sd > 0 ? sd : 1.0;
    }

    /** @return a standardized copy of {@code x} */
    public DMatrixRMaj apply(DMatrixRMaj x) {
        if (x.numRows != mean.length) {
            throw new IllegalArgumentException("data has " + x.numRows + " features, the standardizer " + mean.length);
        }
        DMatrixRMaj out = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < x.numCols; j++) {
                out.set(i, j, (x.get(i, j) - mean[i]) / std[i]);
            }
        }
        return out;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }
}
