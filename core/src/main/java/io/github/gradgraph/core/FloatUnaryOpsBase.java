package io.github.gradgraph.core;

import org.ejml.data.FMatrixRMaj;

/**
 * The float32 elementwise kernels that are not a textual twin of a float64 kernel, inherited by the generated
 * {@link FloatUnaryOps} (docs/decisions/0012), so that its callers find them there.
 *
 * <p>Transcendental functions evaluate the float64 function at the float argument and round once: the float64
 * kernels are accurate to a few double ulp, so the float result is the correctly rounded value or its neighbour
 * (within 1 float ulp; graph's {@code Float32PrimitivePropertyTest}), and the stable forms (σ, softplus, Φ with its
 * argument correction, GELU's tanh form via σ) carry over unchanged. They run over chunks widened into a float64
 * scratch array ({@link DoubleChunks}): a loop converting each float next to the function's call ran 3× slower than
 * the float64 kernel, the chunked one at its speed. The functions are the float64 ones of {@link UnaryOps},
 * {@link SmoothActivations} and {@link Math}, so each is still written once.
 */
abstract class FloatUnaryOpsBase {
    FloatUnaryOpsBase() {
    }

    /** out = eᵃ, through the float64 function. @param a Not modified. @param out Modified. */
    public static void exp(FMatrixRMaj a, FMatrixRMaj out) {
        DoubleChunks.map(a, Math::exp, out);
    }

    /** out = ln a, through the float64 function. @param a Not modified. @param out Modified. */
    public static void log(FMatrixRMaj a, FMatrixRMaj out) {
        DoubleChunks.map(a, Math::log, out);
    }

    /** out = √a, through the float64 function. @param a Not modified. @param out Modified. */
    public static void sqrt(FMatrixRMaj a, FMatrixRMaj out) {
        DoubleChunks.map(a, Math::sqrt, out);
    }

    /** out = aᵖ for a constant exponent p (a·a for p = 2, in float). @param a Not modified. @param out Modified. */
    public static void pow(FMatrixRMaj a, double p, FMatrixRMaj out) {
        if (p != 2.0) {
            DoubleChunks.map(a, p, Math::pow, out);
            return;
        }
        FloatUnaryOps.check(a, out);
        final float[] ad = a.data;
        final float[] od = out.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            od[i] = ad[i] * ad[i];
        }
    }

    /** out = tanh a, through the float64 function. @param a Not modified. @param out Modified. */
    public static void tanh(FMatrixRMaj a, FMatrixRMaj out) {
        DoubleChunks.map(a, Math::tanh, out);
    }

    /** out = σ(a), stable for large |a|, through the float64 function. @param a Not modified. @param out Modified. */
    public static void sigmoid(FMatrixRMaj a, FMatrixRMaj out) {
        DoubleChunks.map(a, UnaryOps::sigmoid, out);
    }

    /**
     * out = ln(1 + eᵃ), stable for large |a|, through {@link #softplusForFloat}: within 1 float ulp of the float64
     * function rounded. @param a Not modified. @param out Modified.
     */
    public static void softplus(FMatrixRMaj a, FMatrixRMaj out) {
        DoubleChunks.map(a, FloatUnaryOpsBase::softplusForFloat, out);
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
        DoubleChunks.map(a, SmoothActivations::normalCdf, out);
    }

    /** out = GELU(a) = a·Φ(a), through the float64 function. @param a Not modified. @param out Modified. */
    public static void gelu(FMatrixRMaj a, FMatrixRMaj out) {
        DoubleChunks.map(a, SmoothActivations::gelu, out);
    }

    /** out = GELU's tanh approximation, through the float64 function. @param a Not modified. @param out Modified. */
    public static void geluTanh(FMatrixRMaj a, FMatrixRMaj out) {
        DoubleChunks.map(a, SmoothActivations::geluTanh, out);
    }

    /** out = SiLU(a) = a·σ(a), through the float64 function. @param a Not modified. @param out Modified. */
    public static void silu(FMatrixRMaj a, FMatrixRMaj out) {
        DoubleChunks.map(a, SmoothActivations::silu, out);
    }

    /** out = GELU′(a), through the float64 function. @param a Not modified. @param out Modified. */
    public static void geluDerivative(FMatrixRMaj a, FMatrixRMaj out) {
        DoubleChunks.map(a, SmoothActivations::geluDerivative, out);
    }

    /** out = SiLU′(a), through the float64 function. @param a Not modified. @param out Modified. */
    public static void siluDerivative(FMatrixRMaj a, FMatrixRMaj out) {
        DoubleChunks.map(a, SmoothActivations::siluDerivative, out);
    }

    /**
     * out = ELU(a) = a where a &gt; 0, α·(eᵃ − 1) elsewhere, through expm1. @param a Not modified. @param out Modified.
     */
    public static void elu(double alpha, FMatrixRMaj a, FMatrixRMaj out) {
        DoubleChunks.map(a, alpha, FloatUnaryOpsBase::eluAt, out);
    }

    /** ELU at x, as {@link SmoothActivations#elu}'s loop computes it. */
    private static double eluAt(double x, double alpha) {
        return Math.max(x, 0.0) + alpha * Math.expm1(Math.min(x, 0.0));
    }

    /**
     * 1 where x &gt; 0, 0 where x ≤ 0, NaN for NaN, without a branch, as {@link UnaryOps}'s float64 one: x·2¹⁴⁹ is at
     * least 1 for every positive float (the smallest subnormal is 2⁻¹⁴⁹), then clamped to [0, 1].
     */
    static float positive(float x) {
        return Math.min(Math.max(x * 0x1p127f * 0x1p22f, 0f), 1f);
    }
}
