package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Derivatives g′(z) of the activation functions, evaluated elementwise: the factor of the seed's
 * dZ[l] = dA[l] ⊙ g′[l](Z[l]). The graph derives these itself; the kernels here serve hand-written baselines and
 * references. Output last, written in place, may be the input; nothing is allocated.
 */
public final class Derivatives {
    private Derivatives() {
    }

    /** out = σ′(z) = σ(z)(1 − σ(z)). @param z Not modified. @param out Modified. */
    public static void sigmoid(DMatrixRMaj z, DMatrixRMaj out) {
        UnaryOps.check(z, out);
        for (int i = 0, n = z.getNumElements(); i < n; i++) {
            double s = UnaryOps.sigmoid(z.data[i]);
            out.data[i] = s * (1.0 - s);
        }
    }

    /** out = tanh′(z) = 1 − tanh²(z). @param z Not modified. @param out Modified. */
    public static void tanh(DMatrixRMaj z, DMatrixRMaj out) {
        UnaryOps.check(z, out);
        for (int i = 0, n = z.getNumElements(); i < n; i++) {
            double t = Math.tanh(z.data[i]);
            out.data[i] = 1.0 - t * t;
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
