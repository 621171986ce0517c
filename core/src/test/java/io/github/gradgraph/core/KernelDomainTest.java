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
        DMatrixRMaj in = new DMatrixRMaj(1, DOMAIN.length, true, DOMAIN);
        DMatrixRMaj out = new DMatrixRMaj(1, DOMAIN.length);
        kernel.accept(in, out);
        double worst = 0;
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
            double err = Math.abs(got - want) / Math.ulp(want);
            worst = Math.max(worst, err);
            compared++;
            assertTrue(err <= ulps, name + "(" + x + ") = " + got + ", want " + want + ": " + err + " ulp > " + ulps);
        }
        assertTrue(compared > DOMAIN.length / 4, name + ": too few finite nonzero references: " + compared);
        System.out.printf("%-20s worst %.2f ulp over %d values (bound %.0f)%n", name, worst, compared, ulps);
        assertEquals(DOMAIN.length, out.getNumElements());
    }
}
