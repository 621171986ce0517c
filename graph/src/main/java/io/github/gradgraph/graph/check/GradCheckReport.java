package io.github.gradgraph.graph.check;

import java.util.List;
import java.util.Locale;

/**
 * The result of a gradient check: one {@link VariableCheck} per variable, a verdict and a printable table.
 *
 * @param variables    the per-variable results, in the order requested
 * @param eps          the finite-difference step used
 * @param relTolerance the relative difference under which a variable passes
 * @param atol         allclose's absolute tolerance
 * @param rtol         allclose's relative tolerance
 */
public record GradCheckReport(List<VariableCheck> variables, double eps, double relTolerance, double atol,
        double rtol) {
    public GradCheckReport {
        variables = List.copyOf(variables);
    }

    /**
     * @return true when no variable failed and at least one passed. A variable whose every entry sits at a kink is
     *     "not checked": it neither passes nor fails, and the table and verdict line name it.
     */
    public boolean passed() {
        return variables.stream().allMatch(v -> v.passed() || v.checked() == 0)
                && variables.stream().anyMatch(VariableCheck::passed);
    }

    /** @return the names of the variables whose every entry sat at a kink, so nothing was compared */
    public List<String> notChecked() {
        return variables.stream().filter(v -> v.checked() == 0).map(VariableCheck::name).toList();
    }

    /** @return the largest relative difference over the variables (0 when there are none) */
    public double maxRelativeDifference() {
        return variables.stream().mapToDouble(VariableCheck::relativeDifference).max().orElse(0.0);
    }

    /** @return the check of the variable of that name */
    public VariableCheck variable(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variable '" + name + "' was checked"));
    }

    /** @return a fixed-width table, one row per variable, with a closing verdict line */
    public String table() {
        int w = Math.max(8, variables.stream().mapToInt(v -> v.name().length()).max().orElse(0));
        String fmt = "%-" + w + "s  %-9s  %-15s  %-11s  %-8s  %7s  %5s  %s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, fmt, "variable", "shape", "rel. difference", "max |g−ĝ|",
                "allclose", "checked", "kinks", "result"));
        for (VariableCheck v : variables) {
            sb.append(String.format(Locale.ROOT, fmt, v.name(), v.shape(),
                    String.format(Locale.ROOT, "%.3e", v.relativeDifference()),
                    String.format(Locale.ROOT, "%.3e", v.maxAbsError()), v.allclose() ? "yes" : "no", v.checked(),
                    v.kinks(), v.result()));
        }
        if (!notChecked().isEmpty()) {
            sb.append("not checked: ").append(String.join(", ", notChecked()))
                    .append(" (every entry within eps of a kink: relu or abs at 0, a tie in a max)\n");
        }
        sb.append(String.format(Locale.ROOT, "gradient check %s (central differences, eps %.0e; pass: relative "
                + "difference < %.0e, or every entry within rtol %.0e plus the differences' rounding noise%s)%n",
                passed() ? "passed" : "FAILED", eps, relTolerance, rtol,
                atol > 0 ? String.format(Locale.ROOT, " (at least %.0e)", atol) : ""));
        return sb.toString();
    }

    @Override
    public String toString() {
        return table();
    }
}
