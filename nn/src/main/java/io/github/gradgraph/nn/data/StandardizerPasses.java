package io.github.gradgraph.nn.data;

/**
 * The rule of {@link Standardizer#fit} as three passes over the samples, each gathering per-feature numbers one value
 * at a time, so that samples held elsewhere (a cluster's partitions, each pass summed on the executors and merged in a
 * fixed order) are fitted by the same rule as one machine's matrix:
 * <ol>
 * <li>the range, each feature's least and greatest value ({@link #emptyRange}, {@link #widen},
 *     {@link #mergeRanges}), which gives k with 2^k ≤ largest |x| &lt; 2^(k+1) ({@link #exponents});
 * <li>Σ x / 2^k ({@link #scaled}), which gives μ / 2^k ({@link #scaledMeans});
 * <li>Σ (x / 2^k − μ / 2^k)² ({@link #squaredDeviation});
 * </ol>
 * from which {@link #standardizer} makes μ and σ. Dividing by a power of two is exact, so in the ordinary range each sum
 * is that of the plain two-pass formula divided by 2^k, bit for bit; but no square overflows for data near ±1e300, nor
 * underflows near 1e-300.
 */
public final class StandardizerPasses {
    private StandardizerPasses() {
    }

    /** @return the range of no values for {@code n} features: least +∞ and greatest −∞, in pairs */
    public static double[] emptyRange(int n) {
        double[] range = new double[2 * n];
        for (int i = 0; i < n; i++) {
            range[2 * i] = Double.POSITIVE_INFINITY;
            range[2 * i + 1] = Double.NEGATIVE_INFINITY;
        }
        return range;
    }

    /**
     * @param range Modified: feature {@code i}'s least and greatest value, widened to hold {@code v}
     */
    public static void widen(double[] range, int i, double v) {
        range[2 * i] = Math.min(range[2 * i], v);
        range[2 * i + 1] = Math.max(range[2 * i + 1], v);
    }

    /**
     * Merges in any order with the same result: a least and a greatest value are exact.
     *
     * @param into  Modified: widened to hold {@code other}'s ranges
     * @param other Not modified.
     * @return {@code into}
     */
    public static double[] mergeRanges(double[] into, double[] other) {
        for (int i = 0; i < into.length / 2; i++) {
            widen(into, i, other[2 * i]);
            widen(into, i, other[2 * i + 1]);
        }
        return into;
    }

    /** @return per feature k, with 2^k ≤ largest |x| &lt; 2^(k+1) (largest |x| is that of the least or greatest) */
    public static int[] exponents(double[] range) {
        int[] k = new int[range.length / 2];
        for (int i = 0; i < k.length; i++) {
            k[i] = Math.getExponent(Math.max(Math.abs(range[2 * i]), Math.abs(range[2 * i + 1])));
        }
        return k;
    }

    /** @return x / 2^k, exactly: one term of the second pass */
    public static double scaled(double x, int k) {
        return Math.scalb(x, -k);
    }

    /**
     * @param scaledSums Σ x / 2^k of each feature (Not modified.)
     * @param m          the samples
     * @return μ / 2^k of each feature
     */
    public static double[] scaledMeans(double[] scaledSums, long m) {
        double[] mu = new double[scaledSums.length];
        for (int i = 0; i < mu.length; i++) {
            mu[i] = scaledSums[i] / m;
        }
        return mu;
    }

    /** @return (x / 2^k − μ / 2^k)²: one term of the third pass */
    public static double squaredDeviation(double x, int k, double scaledMean) {
        double d = scaled(x, k) - scaledMean;
        return d * d;
    }

    /**
     * @param range       the first pass's (Not modified.)
     * @param scaledMeans μ / 2^k of each feature (Not modified.)
     * @param squares     the third pass's Σ (x / 2^k − μ / 2^k)² (Not modified.)
     * @param m           the samples
     * @return μ and σ of each feature; a feature whose values are all equal gets μ = that value and σ = 1, so it
     *         standardizes to exactly 0 (its sums are not used: 0.1 + 0.1 + 0.1 is not 0.3); with no samples, μ = 0
     *         and σ = 1
     */
    public static Standardizer standardizer(double[] range, double[] scaledMeans, double[] squares, long m) {
        int[] k = exponents(range);
        double[] mean = new double[k.length];
        double[] std = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            if (m == 0 || range[2 * i] == range[2 * i + 1]) {
                mean[i] = m == 0 ? 0 : range[2 * i];
                std[i] = 1;
            } else {
                mean[i] = Math.scalb(scaledMeans[i], k[i]);
                std[i] = Math.scalb(Standardizer.std(squares[i], m), k[i]);
            }
        }
        return new Standardizer(mean, std);
    }
}
