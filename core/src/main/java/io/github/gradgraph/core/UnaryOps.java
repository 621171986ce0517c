package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Elementwise functions of one matrix. The output comes last, must have the input's shape, is written in place, and
 * may be the input itself. Nothing is allocated.
 *
 * <p>Sigmoid and softplus are evaluated in forms that neither overflow nor lose precision for large |x|.
 */
public final class UnaryOps { // float32: extends FloatUnaryOpsBase
    private UnaryOps() {
    }

    /** out = −a. @param a Not modified. @param out Modified. */
    public static void neg(DMatrixRMaj a, DMatrixRMaj out) {
        scale(-1.0, a, out);
    }

    /** out = c·a. @param a Not modified. @param out Modified. */
    public static void scale(double c, DMatrixRMaj a, DMatrixRMaj out) {
        check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = c * a.data[i];
        }
    }

    /** out = a + c. @param a Not modified. @param out Modified. */
    public static void shift(double c, DMatrixRMaj a, DMatrixRMaj out) {
        check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = a.data[i] + c;
        }
    }

    /** out = |a|. @param a Not modified. @param out Modified. */
    public static void abs(DMatrixRMaj a, DMatrixRMaj out) {
        check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = Math.abs(a.data[i]);
        }
    }

    /** out = sign(a) ∈ {−1, 0, 1}. @param a Not modified. @param out Modified. */
    public static void sign(DMatrixRMaj a, DMatrixRMaj out) {
        check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = Math.signum(a.data[i]);
        }
    }

    // BEGIN float64 only. FloatUnaryOps evaluates these functions through their float64 definitions here and
    // rounds once (FloatUnaryOpsBase), so their float32 kernels are not generated from this text.

    /** out = eᵃ. @param a Not modified. @param out Modified. */
    public static void exp(DMatrixRMaj a, DMatrixRMaj out) {
        check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = Math.exp(a.data[i]);
        }
    }

    /** out = ln a. @param a Not modified. @param out Modified. */
    public static void log(DMatrixRMaj a, DMatrixRMaj out) {
        check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = Math.log(a.data[i]);
        }
    }

    /** out = √a. @param a Not modified. @param out Modified. */
    public static void sqrt(DMatrixRMaj a, DMatrixRMaj out) {
        check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = Math.sqrt(a.data[i]);
        }
    }

    /** out = aᵖ for a constant exponent p. @param a Not modified. @param out Modified. */
    public static void pow(DMatrixRMaj a, double p, DMatrixRMaj out) {
        check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = p == 2.0 ? a.data[i] * a.data[i] : Math.pow(a.data[i], p);
        }
    }

    /** out = tanh a. @param a Not modified. @param out Modified. */
    public static void tanh(DMatrixRMaj a, DMatrixRMaj out) {
        check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = Math.tanh(a.data[i]);
        }
    }

    /** out = σ(a) = 1 / (1 + e⁻ᵃ), stable for large |a|. @param a Not modified. @param out Modified. */
    public static void sigmoid(DMatrixRMaj a, DMatrixRMaj out) {
        check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = sigmoid(a.data[i]);
        }
    }

    /** @return σ(x), without overflow for any x */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** out = ln(1 + eᵃ) = max(a, 0) + ln(1 + e^−|a|), stable for large |a|. @param a Not modified. @param out Modified. */
    public static void softplus(DMatrixRMaj a, DMatrixRMaj out) {
        check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = softplus(a.data[i]);
        }
    }

    /** @return ln(1 + eˣ), without overflow for any x */
    public static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    // END float64 only

    /**
     * out = max(a, 0); NaN stays NaN. Branch-free (Math.max), so the JIT vectorizes it: a data-dependent branch
     * mispredicts on half of the elements of a typical pre-activation and costs ~30× more.
     *
     * @param a   Not modified.
     * @param out Modified.
     */
    public static void relu(DMatrixRMaj a, DMatrixRMaj out) {
        check(a, out);
        final double[] ad = a.data;
        final double[] od = out.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            od[i] = Math.max(ad[i], 0.0);
        }
    }

    /** out = a where a &gt; 0, α·a elsewhere (branch-free, as {@link #relu}). @param a Not modified. @param out Modified. */
    public static void leakyRelu(double alpha, DMatrixRMaj a, DMatrixRMaj out) {
        check(a, out);
        final double[] ad = a.data;
        final double[] od = out.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            od[i] = Math.max(ad[i], 0.0) + alpha * Math.min(ad[i], 0.0);
        }
    }

    /**
     * out = {@code above} where a &gt; 0, {@code below} elsewhere (NaN where a is NaN): the indicator 1[a &gt; 0] with
     * (0, 1), the leaky relu slope with (α, 1). Branch-free, as {@link #relu}.
     *
     * @param a   Not modified.
     * @param out Modified.
     */
    public static void step(double below, double above, DMatrixRMaj a, DMatrixRMaj out) {
        check(a, out);
        final double[] ad = a.data;
        final double[] od = out.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            double s = positive(ad[i]);
            od[i] = s * above + (1.0 - s) * below;
        }
    }

    // BEGIN float64 only. The float32 one (FloatUnaryOpsBase) has its own constants.

    /**
     * 1 where x &gt; 0, 0 where x ≤ 0 (±0 included), NaN for NaN, without a branch: x·2¹⁰⁷⁴ is at least 1 for every
     * positive double (the smallest subnormal is 2⁻¹⁰⁷⁴) and at most −0 for every other, then clamped to [0, 1]. The
     * JIT vectorizes it; {@code s·above + (1 − s)·below} then selects exactly.
     */
    static double positive(double x) {
        return Math.min(Math.max(x * 0x1p1023 * 0x1p51, 0.0), 1.0);
    }

    // END float64 only

    /**
     * Checks that {@code out} has the shape of {@code a}.
     *
     * @throws IllegalArgumentException naming both shapes otherwise
     */
    static void check(DMatrixRMaj a, DMatrixRMaj out) {
        if (a.numRows != out.numRows || a.numCols != out.numCols) {
            throw new IllegalArgumentException("output is " + out.numRows + "×" + out.numCols + " but input is "
                    + a.numRows + "×" + a.numCols);
        }
    }
}
