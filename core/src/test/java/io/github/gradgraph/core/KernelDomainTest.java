package io.github.gradgraph.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Every elementwise kernel over its whole domain — ±0, subnormals, |x| up to 1e3 densely, the extremes of double,
 * ±∞, NaN — against a reference of higher quality (BigDecimal arithmetic on correctly rounded exponentials, or
 * StrictMath's fdlibm, within 1 ulp), to a stated ulp bound per kernel. Where the reference is 0, ±∞ or NaN the
 * kernel must give exactly that.
 */
class KernelDomainTest {
    private static final MathContext MC = MathContext.DECIMAL128;
    private static final double[] DOMAIN = domain();

    private static double[] domain() {
        List<Double> xs = new ArrayList<>(List.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
                -Double.MIN_NORMAL, 1e-310, -1e-310, 1e-300, -1e-300, 1e-17, -1e-17, 0.5, -0.5, 1.0, -1.0, 19.5,
                -19.5, 36.0, -36.0, 37.5, -37.5, 700.0, -700.0, 709.7, -709.7, 745.0, -745.0, 1000.0, -1000.0,
                Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN));
        Random r = new Random(7);
        for (int i = 0; i < 4000; i++) {
            xs.add((r.nextDouble() * 2 - 1) * 1000); // dense over |x| ≤ 1e3
            xs.add((r.nextBoolean() ? 1 : -1) * Math.pow(10, -320 + 628 * r.nextDouble())); // every magnitude
        }
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void everyElementwiseKernel_withinItsUlpBound_overTheWholeDomain() {
        check("UnaryOps.exp", UnaryOps::exp, StrictMath::exp, 1);
        check("UnaryOps.log", UnaryOps::log, StrictMath::log, 1);
        check("UnaryOps.sqrt", UnaryOps::sqrt, StrictMath::sqrt, 0);
        check("UnaryOps.tanh", UnaryOps::tanh, StrictMath::tanh, 2);
        check("UnaryOps.abs", UnaryOps::abs, x -> x < 0 ? -x : x == 0 ? 0.0 : x, 0);
        check("UnaryOps.neg", UnaryOps::neg, x -> -x, 0);
        check("UnaryOps.sign", UnaryOps::sign, x -> Double.isNaN(x) ? x : x > 0 ? 1 : x < 0 ? -1 : x, 0);
        check("UnaryOps.relu", UnaryOps::relu, x -> Double.isNaN(x) ? x : x > 0 ? x : 0.0, 0);
        check("UnaryOps.leakyRelu", (a, o) -> UnaryOps.leakyRelu(0.01, a, o),
                x -> Double.isNaN(x) ? x : x > 0 ? x : 0.01 * x, 0);
        check("UnaryOps.step", (a, o) -> UnaryOps.step(0.25, 4, a, o), x -> Double.isNaN(x) ? x : x > 0 ? 4 : 0.25, 0);
        check("UnaryOps.sigmoid", UnaryOps::sigmoid, KernelDomainTest::sigmoid, 2);
        check("UnaryOps.softplus", UnaryOps::softplus, KernelDomainTest::softplus, 2);
        check("Derivatives.sigmoid", Derivatives::sigmoid, KernelDomainTest::sigmoidDerivative, 4);
        check("Derivatives.tanh", Derivatives::tanh, KernelDomainTest::tanhDerivative, 4);
        check("Derivatives.softplus", Derivatives::softplus, KernelDomainTest::sigmoid, 2);
        check("Derivatives.relu", Derivatives::relu, x -> Double.isNaN(x) ? x : x > 0 ? 1 : 0, 0);
        check("SmoothActivations.normalCdf", SmoothActivations::normalCdf, KernelDomainTest::normalCdf, 4);
        check("SmoothActivations.gelu", SmoothActivations::gelu, KernelDomainTest::gelu, 4, 24);
        check("SmoothActivations.geluTanh", SmoothActivations::geluTanh, KernelDomainTest::geluTanh, 3);
        check("SmoothActivations.silu", SmoothActivations::silu, KernelDomainTest::silu, 3);
        check("SmoothActivations.geluDerivative", SmoothActivations::geluDerivative, KernelDomainTest::geluDerivative,
                4, 24, KernelDomainTest::geluDerivativeScale);
        check("SmoothActivations.siluDerivative", SmoothActivations::siluDerivative, KernelDomainTest::siluDerivative,
                4, 24, KernelDomainTest::siluDerivativeScale);
        check("SmoothActivations.elu", (a, o) -> SmoothActivations.elu(1, a, o),
                x -> Double.isNaN(x) ? x : x > 0 ? x : StrictMath.expm1(x), 1);
    }

    /**
     * Φ(x) = ½·erfc(t) at the exact t = −x/√2 (34 digits): Commons Numbers' erfc at t's nearest double t₀, taken to
     * t by the Taylor series to second order, erfc(t₀ + δ) = erfc(t₀) − (2/√π)e^(−t₀²)·(δ − t₀δ²). erfc itself is
     * the library's (Boost's algorithm, within about 1 ulp); this checks everything the kernel adds around it.
     */
    private static double normalCdf(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.isNaN(x) ? x : x > 0 ? 1 : 0;
        }
        return normalCdfExact(x).doubleValue();
    }

    private static BigDecimal normalCdfExact(double x) {
        BigDecimal t = new BigDecimal(-x).divide(BigDecimal.valueOf(2).sqrt(MC), MC);
        double t0 = t.doubleValue();
        BigDecimal delta = t.subtract(new BigDecimal(t0), MC);
        BigDecimal slope = new BigDecimal(2 / Math.sqrt(Math.PI) * StrictMath.exp(-t0 * t0));
        BigDecimal erfc = new BigDecimal(org.apache.commons.numbers.gamma.Erfc.value(t0))
                .subtract(slope.multiply(delta.subtract(new BigDecimal(t0).multiply(delta).multiply(delta)), MC), MC);
        return erfc.multiply(new BigDecimal("0.5"), MC);
    }

    /** x·Φ(x) in 34 digits on the Φ above; 0 at −∞ (the limit). */
    private static double gelu(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.isNaN(x) ? x : x > 0 ? x : 0;
        }
        return new BigDecimal(x).multiply(normalCdfExact(x), MC).doubleValue();
    }

    /**
     * x·σ(2u), 2u = 2√(2/π)·(x + 0.044715·x³) in 34 digits, σ at 2u's nearest double v₀ in 34 digits on a correctly
     * rounded exponential, taken to 2u to first order: σ(v₀ + δ) = σ(v₀)(1 + (1 − σ(v₀))δ).
     */
    private static double geluTanh(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.isNaN(x) ? x : x > 0 ? x : 0;
        }
        BigDecimal bx = new BigDecimal(x);
        BigDecimal k = BigDecimal.valueOf(8).divide(PI, MC).sqrt(MC);
        BigDecimal v = k.multiply(bx.add(new BigDecimal("0.044715").multiply(bx.pow(3, MC), MC), MC), MC);
        double v0 = v.doubleValue();
        if (Double.isInfinite(v0)) {
            return v0 > 0 ? x : 0;
        }
        BigDecimal s = sigmoidExact(v0);
        BigDecimal delta = v.subtract(new BigDecimal(v0), MC);
        s = s.add(s.multiply(BigDecimal.ONE.subtract(s, MC), MC).multiply(delta, MC), MC);
        return bx.multiply(s, MC).doubleValue();
    }

    /** φ(x) = e^(−x²/2)/√(2π) in 34 digits: x²/2 exact, e^(−h) correctly rounded at its nearest double h. */
    private static BigDecimal normalPdfExact(double x) {
        BigDecimal half = new BigDecimal(x).multiply(new BigDecimal(x)).multiply(new BigDecimal("0.5"));
        double h = half.doubleValue();
        if (h > 800) {
            return BigDecimal.ZERO; // e^(−800) is below the smallest double
        }
        BigDecimal rest = half.subtract(new BigDecimal(h), MC);
        BigDecimal e = new BigDecimal(StrictMath.exp(-h)).multiply(BigDecimal.ONE.subtract(rest, MC), MC);
        return e.divide(BigDecimal.valueOf(2).multiply(PI).sqrt(MC), MC);
    }

    /** Φ(x) + x·φ(x) in 34 digits. */
    private static double geluDerivative(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.isNaN(x) ? x : x > 0 ? 1 : 0;
        }
        return normalCdfExact(x).add(new BigDecimal(x).multiply(normalPdfExact(x), MC), MC).doubleValue();
    }

    /** The larger of the two terms: near GELU′'s root (x ≈ −0.75) they cancel, and the error is one of theirs. */
    private static double geluDerivativeScale(double x) {
        if (!Double.isFinite(x)) {
            return 0;
        }
        return Math.max(Math.abs(normalCdf(x)), Math.abs(new BigDecimal(x).multiply(normalPdfExact(x), MC)
                .doubleValue()));
    }

    /** σ(x)·(1 + x·σ(−x)) in 34 digits. */
    private static double siluDerivative(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.isNaN(x) ? x : x > 0 ? 1 : 0;
        }
        BigDecimal s = sigmoidExact(x);
        return s.multiply(BigDecimal.ONE.add(new BigDecimal(x).multiply(sigmoidExact(-x), MC), MC), MC)
                .doubleValue();
    }

    /** σ(x)·max(1, |x|·σ(−x)): near SiLU′'s root (x ≈ −1.28) the sum 1 + x·σ(−x) cancels. */
    private static double siluDerivativeScale(double x) {
        if (!Double.isFinite(x)) {
            return 0;
        }
        double s = sigmoidExact(x).doubleValue();
        return s * Math.max(1, Math.abs(x) * sigmoidExact(-x).doubleValue());
    }

    /** x·σ(x) in 34 digits on the σ reference; 0 at −∞ (the limit). */
    private static double silu(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.isNaN(x) ? x : x > 0 ? x : 0;
        }
        return new BigDecimal(x).multiply(sigmoidExact(x), MC).doubleValue();
    }

    private static final BigDecimal PI = new BigDecimal("3.14159265358979323846264338327950288419716939937510");

    private static BigDecimal sigmoidExact(double x) {
        BigDecimal e = new BigDecimal(StrictMath.exp(-Math.abs(x)));
        BigDecimal s = BigDecimal.ONE.divide(BigDecimal.ONE.add(e), MC);
        return x >= 0 ? s : e.multiply(s, MC);
    }

    /** σ(x) = 1/(1 + e⁻ˣ) for x ≥ 0, eˣ/(1 + eˣ) below, in 34 digits on a correctly rounded exponential. */
    private static double sigmoid(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        BigDecimal e = new BigDecimal(StrictMath.exp(-Math.abs(x)));
        BigDecimal s = BigDecimal.ONE.divide(BigDecimal.ONE.add(e), MC);
        return (x >= 0 ? s : e.multiply(s, MC)).doubleValue();
    }

    /** ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|), the logarithm from fdlibm's log1p, the sum in 34 digits. */
    private static double softplus(double x) {
        if (Double.isNaN(x) || x == Double.POSITIVE_INFINITY) {
            return x;
        }
        BigDecimal tail = new BigDecimal(StrictMath.log1p(StrictMath.exp(-Math.abs(x))));
        return x > 0 ? new BigDecimal(x).add(tail, MC).doubleValue() : tail.doubleValue();
    }

    /** σ′(x) = e/(1 + e)² with e = e^−|x|, in 34 digits. */
    private static double sigmoidDerivative(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        BigDecimal e = new BigDecimal(StrictMath.exp(-Math.abs(x)));
        BigDecimal d = BigDecimal.ONE.add(e);
        return e.divide(d.multiply(d, MC), MC).doubleValue();
    }

    /** sech²(x) = 4t/(1 + t)² with t = e^−2|x|, in 34 digits (t from a correctly rounded exponential of 2|x|). */
    private static double tanhDerivative(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        BigDecimal t = new BigDecimal(StrictMath.exp(-2 * Math.abs(x)));
        BigDecimal d = BigDecimal.ONE.add(t);
        return t.multiply(BigDecimal.valueOf(4)).divide(d.multiply(d, MC), MC).doubleValue();
    }

    private static void check(String name, BiConsumer<DMatrixRMaj, DMatrixRMaj> kernel, DoubleUnaryOperator reference,
            double ulps) {
        check(name, kernel, reference, ulps, ulps);
    }

    /**
     * @param subnormalUlps the bound where the reference is subnormal: there a product with a factor that underflowed
     *                      first (x·Φ(x) with Φ subnormal) keeps only Φ's absolute rounding, |x|/2 units of the last
     *                      place of the result
     */
    private static void check(String name, BiConsumer<DMatrixRMaj, DMatrixRMaj> kernel, DoubleUnaryOperator reference,
            double ulps, double subnormalUlps) {
        check(name, kernel, reference, ulps, subnormalUlps, reference);
    }

    /**
     * @param scale the magnitude errors are counted in ulps of: the reference itself, or for a sum whose terms cancel
     *              near a root, the larger term
     */
    private static void check(String name, BiConsumer<DMatrixRMaj, DMatrixRMaj> kernel, DoubleUnaryOperator reference,
            double ulps, double subnormalUlps, DoubleUnaryOperator scale) {
        DMatrixRMaj in = new DMatrixRMaj(1, DOMAIN.length, true, DOMAIN);
        DMatrixRMaj out = new DMatrixRMaj(1, DOMAIN.length);
        kernel.accept(in, out);
        double worst = 0;
        double worstSubnormal = 0;
        int compared = 0;
        for (int i = 0; i < DOMAIN.length; i++) {
            double x = DOMAIN[i];
            double want = reference.applyAsDouble(x);
            double got = out.data[i];
            if (Double.isNaN(want) || Double.isInfinite(want) || want == 0) {
                assertTrue(Double.compare(Math.abs(want), Math.abs(got)) == 0 || (want == 0 && got == 0)
                        || (Double.isNaN(want) && Double.isNaN(got)), name + "(" + x + ") = " + got + ", want " + want);
                continue;
            }
            double err = Math.abs(got - want) / Math.ulp(Math.max(Math.abs(want), Math.abs(scale.applyAsDouble(x))));
            compared++;
            boolean subnormal = Math.abs(want) < Double.MIN_NORMAL;
            double bound = subnormal ? subnormalUlps : ulps;
            assertTrue(err <= bound, name + "(" + x + ") = " + got + ", want " + want + ": " + err + " ulp > " + bound);
            if (subnormal) {
                worstSubnormal = Math.max(worstSubnormal, err);
            } else {
                worst = Math.max(worst, err);
            }
        }
        assertTrue(compared > DOMAIN.length / 4, name + ": too few finite nonzero references: " + compared);
        System.out.printf("%-20s worst %.2f ulp over %d values (bound %.0f)%s%n", name, worst, compared, ulps,
                worstSubnormal > ulps ? String.format(", %.0f units of the last place where subnormal (bound %.0f)",
                        worstSubnormal, subnormalUlps) : "");
        assertEquals(DOMAIN.length, out.getNumElements());
    }
}
