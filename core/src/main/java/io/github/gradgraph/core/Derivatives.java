package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Derivatives g′(z) of the activation functions, evaluated elementwise: the factor of the textbook's
 * dZ[l] = dA[l] ⊙ g′[l](Z[l]). The graph derives these itself; the kernels here serve hand-written baselines and
 * references. Output last, written in place, may be the input; nothing is allocated.
 */
public final class Derivatives {
    private Derivatives() {
    }

    /**
     * out = σ′(z) = σ(z)(1 − σ(z)), as e/(1 + e)² with e = e^−|z|: σ(1 − σ) loses every digit for large |z| (1 − σ
     * cancels), this form keeps full relative precision down to the underflow of e.
     *
     * @param z   Not modified.
     * @param out Modified.
     */
    public static void sigmoid(DMatrixRMaj z, DMatrixRMaj out) {
        UnaryOps.check(z, out);
        for (int i = 0, n = z.getNumElements(); i < n; i++) {
            double e = Math.exp(-Math.abs(z.data[i]));
            double d = 1.0 + e;
            out.data[i] = e / (d * d);
        }
    }

    /**
     * out = tanh′(z) = 1 − tanh²(z) = sech²(z), as 4t/(1 + t)² with t = e^−2|z|: 1 − tanh² cancels to 0 once
     * tanh rounds to ±1 (|z| ≳ 19), this form keeps full relative precision.
     *
     * @param z   Not modified.
     * @param out Modified.
     */
    public static void tanh(DMatrixRMaj z, DMatrixRMaj out) {
        UnaryOps.check(z, out);
        for (int i = 0, n = z.getNumElements(); i < n; i++) {
            double t = Math.exp(-2.0 * Math.abs(z.data[i]));
            double d = 1.0 + t;
            out.data[i] = 4.0 * t / (d * d);
        }
    }

    /** out = relu′(z) = 1[z &gt; 0]. @param z Not modified. @param out Modified. */
    public static void relu(DMatrixRMaj z, DMatrixRMaj out) {
        UnaryOps.step(0.0, 1.0, z, out);
    }

    /** out = leaky relu′(z): 1 where z &gt; 0, α elsewhere. @param z Not modified. @param out Modified. */
    public static void leakyRelu(double alpha, DMatrixRMaj z, DMatrixRMaj out) {
        UnaryOps.step(alpha, 1.0, z, out);
    }

    /** out = softplus′(z) = σ(z). @param z Not modified. @param out Modified. */
    public static void softplus(DMatrixRMaj z, DMatrixRMaj out) {
        UnaryOps.sigmoid(z, out);
    }
}
