package io.github.gradgraph.nn.data;

import org.ejml.data.DMatrixRMaj;

/**
 * Per-feature standardization, x′ = (x − μ) / σ, fitted on the training part only and then applied unchanged to
 * test and prediction data. A feature with σ = 0 is only centred. Fitting and applying are exact under a change of
 * units by a power of two, and stable for any finite data (see {@link #fit}).
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

    /**
     * Fits μ and σ of each feature in two passes over values first divided by a power of two near the feature's
     * largest |x|. Dividing by a power of two is exact, so in the ordinary range the result is bit for bit that of the
     * plain two-pass formula (and of the cluster's distributed fit); but the squares no longer overflow for data near
     * ±1e300 (nor underflow near 1e-300), where the plain formula gave σ = ∞ and silently zeroed the feature. A feature
     * whose values are all equal gets σ = 1 and μ = that value, so it standardizes to exactly 0. The passes are
     * those of {@link StandardizerPasses}, which a cluster runs over its partitions.
     *
     * @param x the training features, n×m (Not modified.)
     * @return μ and σ of each row (feature) of {@code x}
     * @throws IllegalArgumentException if a value is NaN or infinite, naming the feature and the sample
     */
    public static Standardizer fit(DMatrixRMaj x) {
        int n = x.numRows;
        int m = x.numCols;
        double[] range = StandardizerPasses.emptyRange(n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double v = x.get(i, j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("feature " + (i + 1) + " of " + n + " (row " + i
                            + " of the features) has the value " + v + " at sample " + (j + 1)
                            + "; standardization needs finite numbers");
                }
                StandardizerPasses.widen(range, i, v);
            }
        }
        int[] k = StandardizerPasses.exponents(range);
        double[] sums = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                sums[i] += StandardizerPasses.scaled(x.get(i, j), k[i]);
            }
        }
        double[] mu = StandardizerPasses.scaledMeans(sums, m);
        double[] squares = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                squares[i] += StandardizerPasses.squaredDeviation(x.get(i, j), k[i], mu[i]);
            }
        }
        return StandardizerPasses.standardizer(range, mu, squares, m);
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
            // x − μ overflows when both are near ±1e308 with opposite signs; the same power-of-two division as in
            // fit avoids that and, being exact, changes no bit in the ordinary range.
            int k = Math.getExponent(Math.max(Math.abs(mean[i]), std[i]));
            double mu = Math.scalb(mean[i], -k);
            double sigma = Math.scalb(std[i], -k);
            for (int j = 0; j < x.numCols; j++) {
                out.set(i, j, (Math.scalb(x.get(i, j), -k) - mu) / sigma);
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
