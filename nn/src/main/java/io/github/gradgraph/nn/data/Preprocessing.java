package io.github.gradgraph.nn.data;

import org.ejml.data.DMatrixRMaj;

/**
 * What happens to features before the network sees them: x′ = (s·x − μ) / σ, a fixed scale s (such as 1/255 for
 * pixels) and then, optionally, per-feature standardization fitted on the training set only. Saved with a model and
 * applied unchanged to test and prediction data.
 *
 * @param scale        s, a finite number other than 0
 * @param standardizer μ and σ in scaled units, or null for none
 */
public record Preprocessing(double scale, Standardizer standardizer) {
    /** Features as they are. */
    public static final Preprocessing NONE = new Preprocessing(1, null);

    public Preprocessing {
        checkScale(scale);
    }

    /**
     * @return {@code scale}
     * @throws IllegalArgumentException unless it is a finite number other than 0
     */
    public static double checkScale(double scale) {
        if (!Double.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException("the feature scale must be a finite number other than 0, got " + scale);
        }
        return scale;
    }

    /**
     * @param scale       s
     * @param standardize whether to fit μ and σ
     * @param train       the training features, n×m, unscaled (Not modified.)
     * @throws IllegalArgumentException if a scaled value is not finite (s·x overflowed), naming the feature
     */
    public static Preprocessing fit(double scale, boolean standardize, DMatrixRMaj train) {
        checkScale(scale);
        for (int i = 0; i < train.getNumElements(); i++) {
            scaledValue(train.data[i], scale, i / train.numCols, train.numRows); // row-major: feature i / m
        }
        // the scaled copy only when μ and σ need it: 60,000 images are 376 MB a copy
        return new Preprocessing(scale, standardize ? Standardizer.fit(scaled(scale, train)) : null);
    }

    /**
     * One value as {@link #fit} checks it. Caught here, the message can say that the scale, not the file, made the
     * value too large; no sample number, as the training part is a shuffled subset.
     *
     * @param x        a value of feature {@code feature} (0-based) of {@code features}, unscaled
     * @param scale    s
     * @return s·x
     * @throws IllegalArgumentException if s·x is not finite, naming the feature
     */
    public static double scaledValue(double x, double scale, int feature, int features) {
        double v = x * scale;
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("feature " + (feature + 1) + " of " + features + ": " + x
                    + " × the scale " + scale + " = " + v + "; values must stay finite");
        }
        return v;
    }

    /** @return the features as the network sees them; a copy (or {@code x} itself when nothing is done) */
    public DMatrixRMaj apply(DMatrixRMaj x) {
        DMatrixRMaj s = scaled(scale, x);
        return standardizer == null ? s : standardizer.apply(s);
    }

    /** @return feature {@code i}'s value in the file's units, from the value the network sees */
    public double original(int i, double seen) {
        double v = standardizer == null ? seen : seen * standardizer.std()[i] + standardizer.mean()[i];
        return v / scale;
    }

    private static DMatrixRMaj scaled(double scale, DMatrixRMaj x) {
        if (scale == 1) {
            return x;
        }
        DMatrixRMaj s = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            s.data[i] = x.data[i] * scale;
        }
        return s;
    }
}
