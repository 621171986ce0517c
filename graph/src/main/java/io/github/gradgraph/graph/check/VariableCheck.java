package io.github.gradgraph.graph.check;

import org.ejml.data.DMatrixRMaj;

/**
 * The gradient check of one variable: the derived gradient g against the central-difference estimate ĝ.
 *
 * @param name               the variable's label
 * @param shape              its shape, as printed
 * @param relativeDifference ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖) over the checked entries (0 when both are zero)
 * @param maxAbsError        max |g − ĝ| over the checked entries
 * @param allclose           |g − ĝ| ≤ max(atol, rounding noise) + rtol·|ĝ| at every checked entry (see
 *                           {@link GradientChecker})
 * @param kinks              entries skipped because a kink lies within eps of them
 * @param checked            entries compared
 * @param passed             at least one entry checked, and the relative difference below the tolerance or allclose
 * @param analytic           g, the derived gradient
 * @param numeric            ĝ, the central differences (NaN where the loss was not finite)
 */
public record VariableCheck(String name, String shape, double relativeDifference, double maxAbsError,
        boolean allclose, int kinks, int checked, boolean passed, DMatrixRMaj analytic, DMatrixRMaj numeric) {
    /** @return "pass", "FAIL", or "not checked" when every entry sat at a kink */
    public String result() {
        return checked == 0 ? "not checked" : passed ? "pass" : "FAIL";
    }
}
