package io.github.gradgraph.core;

import org.ejml.data.FMatrixRMaj;

/**
 * The float32 twins of {@link UnaryOps} and {@link SmoothActivations}: the same functions, output last, of the
 * input's shape, written in place, may be the input; nothing is allocated.
 *
 * <p>Arithmetic ones (scale, shift, relu, the step masks) run in float. Transcendental ones evaluate the float64
 * function at the float argument and round once: the float64 kernels are accurate to a few double ulp, so the float
 * result is the correctly rounded value or its neighbour (within 1 float ulp; graph's
 * {@code Float32PrimitivePropertyTest}), and the stable forms (σ, softplus, Φ with its argument correction, GELU's
 * tanh form via σ) carry over unchanged. They run over chunks widened into a float64 scratch array
 * ({@link DoubleChunks}): a loop converting each float next to the function's call ran 3× slower than the float64
 * kernel, the chunked one at its speed.
 */
public final class FloatUnaryOps {
    private FloatUnaryOps() {
    }

    /** out = −a. @param a Not modified. @param out Modified. */
    public static void neg(FMatrixRMaj a, FMatrixRMaj out) {
        scale(-1f, a, out);
    }

    /** out = c·a. @param a Not modified. @param out Modified. */
    public static void scale(float c, FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final float[] ad = a.data;
        final float[] od = out.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            od[i] = c * ad[i];
        }
    }

    /** out = a + c. @param a Not modified. @param out Modified. */
    public static void shift(float c, FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final float[] ad = a.data;
        final float[] od = out.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            od[i] = ad[i] + c;
        }
    }

    /** out = |a|. @param a Not modified. @param out Modified. */
    public static void abs(FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final float[] ad = a.data;
        final float[] od = out.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            od[i] = Math.abs(ad[i]);
        }
    }

    /** out = sign(a) ∈ {−1, 0, 1}. @param a Not modified. @param out Modified. */
    public static void sign(FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final float[] ad = a.data;
        final float[] od = out.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            od[i] = Math.signum(ad[i]);
        }
    }

    /** out = aᵖ for a constant exponent p (a·a for p = 2, in float). @param a Not modified. @param out Modified. */
    public static void pow(FMatrixRMaj a, double p, FMatrixRMaj out) {
        check(a, out);
        final float[] ad = a.data;
        final float[] od = out.data;
        if (p == 2.0) {
            for (int i = 0, n = a.getNumElements(); i < n; i++) {
                od[i] = ad[i] * ad[i];
            }
            return;
        }
        final double[] b = DoubleChunks.buffer();
        for (int s = 0, n = a.getNumElements(); s < n; s += b.length) {
            int k = DoubleChunks.load(ad, s, n, b);
            for (int i = 0; i < k; i++) {
                b[i] = Math.pow(b[i], p);
            }
            DoubleChunks.store(b, k, od, s);
        }
    }

    /**
     * out = max(a, 0), branch-free as {@link UnaryOps#relu}; NaN stays NaN. @param a Not modified. @param out Modified.
     */
    public static void relu(FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final float[] ad = a.data;
        final float[] od = out.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            od[i] = Math.max(ad[i], 0f);
        }
    }

    /** out = a where a &gt; 0, α·a elsewhere. @param a Not modified. @param out Modified. */
    public static void leakyRelu(float alpha, FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final float[] ad = a.data;
        final float[] od = out.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            od[i] = Math.max(ad[i], 0f) + alpha * Math.min(ad[i], 0f);
        }
    }

    /**
     * out = {@code above} where a &gt; 0, {@code below} elsewhere (NaN where a is NaN), branch-free as {@link
     * UnaryOps#step}.
     *
     * @param a   Not modified.
     * @param out Modified.
     */
    public static void step(float below, float above, FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final float[] ad = a.data;
        final float[] od = out.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            float s = positive(ad[i]);
            od[i] = s * above + (1f - s) * below;
        }
    }

    /**
     * 1 where x &gt; 0, 0 where x ≤ 0, NaN for NaN, without a branch: x·2¹⁴⁹ is at least 1 for every positive float
     * (the smallest subnormal is 2⁻¹⁴⁹), then clamped to [0, 1].
     */
    static float positive(float x) {
        return Math.min(Math.max(x * 0x1p127f * 0x1p22f, 0f), 1f);
    }

    /** out = eᵃ, through the float64 function. @param a Not modified. @param out Modified. */
    public static void exp(FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final double[] b = DoubleChunks.buffer();
        for (int s = 0, n = a.getNumElements(); s < n; s += b.length) {
            int k = DoubleChunks.load(a.data, s, n, b);
            for (int i = 0; i < k; i++) {
                double x = b[i];
                b[i] = Math.exp(x);
            }
            DoubleChunks.store(b, k, out.data, s);
        }
    }

    /** out = ln a, through the float64 function. @param a Not modified. @param out Modified. */
    public static void log(FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final double[] b = DoubleChunks.buffer();
        for (int s = 0, n = a.getNumElements(); s < n; s += b.length) {
            int k = DoubleChunks.load(a.data, s, n, b);
            for (int i = 0; i < k; i++) {
                double x = b[i];
                b[i] = Math.log(x);
            }
            DoubleChunks.store(b, k, out.data, s);
        }
    }

    /** out = √a, through the float64 function. @param a Not modified. @param out Modified. */
    public static void sqrt(FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final double[] b = DoubleChunks.buffer();
        for (int s = 0, n = a.getNumElements(); s < n; s += b.length) {
            int k = DoubleChunks.load(a.data, s, n, b);
            for (int i = 0; i < k; i++) {
                double x = b[i];
                b[i] = Math.sqrt(x);
            }
            DoubleChunks.store(b, k, out.data, s);
        }
    }

    /** out = tanh a, through the float64 function. @param a Not modified. @param out Modified. */
    public static void tanh(FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final double[] b = DoubleChunks.buffer();
        for (int s = 0, n = a.getNumElements(); s < n; s += b.length) {
            int k = DoubleChunks.load(a.data, s, n, b);
            for (int i = 0; i < k; i++) {
                double x = b[i];
                b[i] = Math.tanh(x);
            }
            DoubleChunks.store(b, k, out.data, s);
        }
    }

    /** out = σ(a), stable for large |a|, through the float64 function. @param a Not modified. @param out Modified. */
    public static void sigmoid(FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final double[] b = DoubleChunks.buffer();
        for (int s = 0, n = a.getNumElements(); s < n; s += b.length) {
            int k = DoubleChunks.load(a.data, s, n, b);
            for (int i = 0; i < k; i++) {
                double x = b[i];
                b[i] = UnaryOps.sigmoid(x);
            }
            DoubleChunks.store(b, k, out.data, s);
        }
    }

    /**
     * out = ln(1 + eᵃ), stable for large |a|, through {@link #softplusForFloat}: within 1 float ulp of the float64
     * function rounded. @param a Not modified. @param out Modified.
     */
    public static void softplus(FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final double[] b = DoubleChunks.buffer();
        for (int s = 0, n = a.getNumElements(); s < n; s += b.length) {
            int k = DoubleChunks.load(a.data, s, n, b);
            for (int i = 0; i < k; i++) {
                double x = b[i];
                b[i] = softplusForFloat(x);
            }
            DoubleChunks.store(b, k, out.data, s);
        }
    }

    /**
     * softplus accurate enough to round to float: max(x, 0) + ln(1 + e^−|x|) with ln(1 + e) taken as the logarithm of
     * the double 1 + e (a hardware-speed {@code Math.log}) where e ≥ 2⁻²⁸, whose rounding errs by at most 2⁻⁵³/e ≤
     * 2⁻²⁵ relative, and as e itself below (the next term, e/2, is under 2⁻²⁹ relative). {@code Math.log1p}, which
     * float64 needs, is a software function at twice the cost; the float results differ from it in 0.14 % of
     * arguments, by one ulp.
     */
    static double softplusForFloat(double x) {
        double e = Math.exp(-Math.abs(x));
        return Math.max(x, 0.0) + (e < 0x1p-28 ? e : Math.log(1.0 + e));
    }

    /** out = Φ(a), through the float64 function. @param a Not modified. @param out Modified. */
    public static void normalCdf(FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final double[] b = DoubleChunks.buffer();
        for (int s = 0, n = a.getNumElements(); s < n; s += b.length) {
            int k = DoubleChunks.load(a.data, s, n, b);
            for (int i = 0; i < k; i++) {
                double x = b[i];
                b[i] = SmoothActivations.normalCdf(x);
            }
            DoubleChunks.store(b, k, out.data, s);
        }
    }

    /** out = GELU(a) = a·Φ(a), through the float64 function. @param a Not modified. @param out Modified. */
    public static void gelu(FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final double[] b = DoubleChunks.buffer();
        for (int s = 0, n = a.getNumElements(); s < n; s += b.length) {
            int k = DoubleChunks.load(a.data, s, n, b);
            for (int i = 0; i < k; i++) {
                double x = b[i];
                b[i] = SmoothActivations.gelu(x);
            }
            DoubleChunks.store(b, k, out.data, s);
        }
    }

    /** out = GELU's tanh approximation, through the float64 function. @param a Not modified. @param out Modified. */
    public static void geluTanh(FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final double[] b = DoubleChunks.buffer();
        for (int s = 0, n = a.getNumElements(); s < n; s += b.length) {
            int k = DoubleChunks.load(a.data, s, n, b);
            for (int i = 0; i < k; i++) {
                double x = b[i];
                b[i] = SmoothActivations.geluTanh(x);
            }
            DoubleChunks.store(b, k, out.data, s);
        }
    }

    /** out = SiLU(a) = a·σ(a), through the float64 function. @param a Not modified. @param out Modified. */
    public static void silu(FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final double[] b = DoubleChunks.buffer();
        for (int s = 0, n = a.getNumElements(); s < n; s += b.length) {
            int k = DoubleChunks.load(a.data, s, n, b);
            for (int i = 0; i < k; i++) {
                double x = b[i];
                b[i] = SmoothActivations.silu(x);
            }
            DoubleChunks.store(b, k, out.data, s);
        }
    }

    /** out = GELU′(a), through the float64 function. @param a Not modified. @param out Modified. */
    public static void geluDerivative(FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final double[] b = DoubleChunks.buffer();
        for (int s = 0, n = a.getNumElements(); s < n; s += b.length) {
            int k = DoubleChunks.load(a.data, s, n, b);
            for (int i = 0; i < k; i++) {
                double x = b[i];
                b[i] = SmoothActivations.geluDerivative(x);
            }
            DoubleChunks.store(b, k, out.data, s);
        }
    }

    /** out = SiLU′(a), through the float64 function. @param a Not modified. @param out Modified. */
    public static void siluDerivative(FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final double[] b = DoubleChunks.buffer();
        for (int s = 0, n = a.getNumElements(); s < n; s += b.length) {
            int k = DoubleChunks.load(a.data, s, n, b);
            for (int i = 0; i < k; i++) {
                double x = b[i];
                b[i] = SmoothActivations.siluDerivative(x);
            }
            DoubleChunks.store(b, k, out.data, s);
        }
    }

    /**
     * out = ELU(a) = a where a &gt; 0, α·(eᵃ − 1) elsewhere, through expm1. @param a Not modified. @param out Modified.
     */
    public static void elu(double alpha, FMatrixRMaj a, FMatrixRMaj out) {
        check(a, out);
        final double[] b = DoubleChunks.buffer();
        for (int s = 0, n = a.getNumElements(); s < n; s += b.length) {
            int k = DoubleChunks.load(a.data, s, n, b);
            for (int i = 0; i < k; i++) {
                double x = b[i];
                b[i] = (Math.max(x, 0.0) + alpha * Math.expm1(Math.min(x, 0.0)));
            }
            DoubleChunks.store(b, k, out.data, s);
        }
    }

    /**
     * Checks that {@code out} has the shape of {@code a}.
     *
     * @throws IllegalArgumentException naming both shapes otherwise
     */
    static void check(FMatrixRMaj a, FMatrixRMaj out) {
        if (a.numRows != out.numRows || a.numCols != out.numCols) {
            throw new IllegalArgumentException("output is " + out.numRows + "×" + out.numCols + " but input is "
                    + a.numRows + "×" + a.numCols);
        }
    }
}
