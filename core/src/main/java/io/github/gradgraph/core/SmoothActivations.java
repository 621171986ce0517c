package io.github.gradgraph.core;

import org.apache.commons.numbers.gamma.Erfc;
import org.ejml.data.DMatrixRMaj;

/**
 * Kernels of the smooth activations of current networks: GELU (exact and its tanh approximation), SiLU, ELU, the
 * standard normal CDF Φ and density φ, and the derivatives of GELU and SiLU in one pass each.
 *
 * <p>Each is accurate to a few ulp over the whole double range (see {@code KernelDomainTest}), which takes care where
 * a direct formula loses it: Φ(x) = ½·erfc(−x/√2) is evaluated at the exact argument (the rounding of −x/√2 is
 * corrected to first order: erfc's condition number grows as 2t², 1400 at t = 26), erfc from Apache Commons Numbers;
 * the tanh GELU uses ½(1 + tanh u) = σ(2u), so it has no cancellation for negative x, with 2u carried in double-double
 * (its rounding would otherwise cost |2u| ulp in σ). At x = −∞ each product x·(a factor that underflows to 0) is its
 * limit 0, not NaN.
 */
public final class SmoothActivations {
    private static final double INV_SQRT2 = 0.7071067811865476;
    /** 1/√2 − {@link #INV_SQRT2}. */
    private static final double INV_SQRT2_LO = -4.833646656726457e-17;
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double INV_SQRT_2PI = 0.3989422804014327;
    /** 2·√(2/π), split into a head and its tail. */
    private static final double K_HI = 1.5957691216057308;
    private static final double K_LO = -9.96930880911092e-17;
    /** 0.044715 of the tanh approximation, split into a head and its tail. */
    private static final double A_HI = 0.044715;
    private static final double A_LO = 2.1960211427085595e-18;

    private SmoothActivations() {
    }

    /** out = Φ(a), the standard normal CDF. @param a Not modified. @param out Modified. */
    public static void normalCdf(DMatrixRMaj a, DMatrixRMaj out) {
        UnaryOps.check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = normalCdf(a.data[i]);
        }
    }

    /** @return Φ(x) = ½·erfc(−x/√2) */
    public static double normalCdf(double x) {
        double t = -x * INV_SQRT2;
        if (!(t > 0.5) || Double.isInfinite(t)) {
            return 0.5 * Erfc.value(t); // Φ ≥ 0.24 or an end of the range: the argument's rounding does not matter
        }
        double tail = Math.fma(-x, INV_SQRT2, -t) + -x * INV_SQRT2_LO; // −x/√2 = t + tail exactly, to 2⁻¹⁰⁶
        // erfc(t + δ) = erfc(t) − (2/√π)·e^(−t²)·δ + O(δ²)
        return 0.5 * (Erfc.value(t) - TWO_OVER_SQRT_PI * Math.exp(-t * t) * tail);
    }

    /** out = GELU(a) = a·Φ(a). @param a Not modified. @param out Modified. */
    public static void gelu(DMatrixRMaj a, DMatrixRMaj out) {
        UnaryOps.check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = gelu(a.data[i]);
        }
    }

    /** @return x·Φ(x) */
    public static double gelu(double x) {
        return times(x, normalCdf(x));
    }

    /**
     * out = the tanh approximation of GELU, ½·a·(1 + tanh(√(2/π)·(a + 0.044715·a³))).
     *
     * @param a   Not modified.
     * @param out Modified.
     */
    public static void geluTanh(DMatrixRMaj a, DMatrixRMaj out) {
        UnaryOps.check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = geluTanh(a.data[i]);
        }
    }

    /** @return x·σ(2u), u = √(2/π)·(x + 0.044715·x³) */
    public static double geluTanh(double x) {
        // v = 2u = k·x·(1 + a·x²) as v + vTail, each product's rounding kept by fma
        double x2 = x * x;
        double x2Tail = Math.fma(x, x, -x2);
        double q = A_HI * x2;
        double qTail = Math.fma(A_HI, x2, -q) + A_HI * x2Tail + A_LO * x2;
        double w = 1 + q;
        double back = w - q;
        double wTail = (1 - back) + (q - (w - back)) + qTail; // Knuth's TwoSum: 1 + q = w + its rounding error
        double p = x * w;
        double pTail = Math.fma(x, w, -p) + x * wTail;
        double v = K_HI * p;
        double vTail = Math.fma(K_HI, p, -v) + K_HI * pTail + K_LO * p;
        double s = UnaryOps.sigmoid(v);
        if (Double.isFinite(vTail)) {
            s += s * (1 - s) * vTail; // σ(v + δ) = σ(v)·(1 + (1 − σ(v))·δ) + O(δ²)
        }
        return times(x, s);
    }

    /** out = SiLU(a) = a·σ(a) (Swish with β = 1). @param a Not modified. @param out Modified. */
    public static void silu(DMatrixRMaj a, DMatrixRMaj out) {
        UnaryOps.check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = silu(a.data[i]);
        }
    }

    /** @return x·σ(x) */
    public static double silu(double x) {
        return times(x, UnaryOps.sigmoid(x));
    }

    /**
     * out = ELU(a) = a where a &gt; 0, α·(eᵃ − 1) elsewhere (expm1, so exact near 0); NaN stays NaN.
     *
     * @param alpha α, the negative saturation value's magnitude
     * @param a     Not modified.
     * @param out   Modified.
     */
    public static void elu(double alpha, DMatrixRMaj a, DMatrixRMaj out) {
        UnaryOps.check(a, out);
        final double[] ad = a.data;
        final double[] od = out.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            od[i] = Math.max(ad[i], 0.0) + alpha * Math.expm1(Math.min(ad[i], 0.0));
        }
    }

    /** out = GELU′(a) = Φ(a) + a·φ(a), φ the standard normal density. @param a Not modified. @param out Modified. */
    public static void geluDerivative(DMatrixRMaj a, DMatrixRMaj out) {
        UnaryOps.check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = geluDerivative(a.data[i]);
        }
    }

    /** @return Φ(x) + x·φ(x) */
    public static double geluDerivative(double x) {
        return normalCdf(x) + times(x, normalPdf(x));
    }

    /** @return φ(x) = e^(−x²/2)/√(2π), with x² carried exactly (its rounding would cost x²/2 ulp) */
    public static double normalPdf(double x) {
        double x2 = x * x;
        double e = Math.exp(-0.5 * x2);
        if (e == 0) {
            return 0.0; // also where x² overflows, and its rounding error with it
        }
        double tail = Math.fma(x, x, -x2);
        return INV_SQRT_2PI * (e - e * 0.5 * tail);
    }

    /** out = SiLU′(a) = σ(a)·(1 + a·σ(−a)). @param a Not modified. @param out Modified. */
    public static void siluDerivative(DMatrixRMaj a, DMatrixRMaj out) {
        UnaryOps.check(a, out);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            out.data[i] = siluDerivative(a.data[i]);
        }
    }

    /**
     * @return σ(x)·(1 + x·σ(−x)), 1 − σ(x) taken as σ(−x) so that it keeps its digits for large x; both from one
     *     exponential, e^(−|x|)
     */
    public static double siluDerivative(double x) {
        double e = Math.exp(-Math.abs(x));
        double r = 1 / (1 + e);
        double s = x >= 0 ? r : e * r;
        double complement = x >= 0 ? e * r : r;
        return s == 0 ? 0.0 : s * (1 + times(x, complement));
    }

    /** @return x·f where f is a factor that tends to 0 as x → −∞: 0 there, not ∞·0 = NaN */
    private static double times(double x, double f) {
        return f == 0 ? 0.0 : x * f; // also x·0 at x = +∞ (x·σ(−x), x·φ(x)): the limit is 0
    }
}
