package io.github.gradgraph.graph.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link PrimitiveCheck} found: per order and operand, the entries compared over all trials, the kinks, the
 * worst relative difference and absolute error, and how many trials failed; and any break of the kernel's contract.
 *
 * @param primitive the primitive's name
 * @param trials    random points checked
 * @param seed      the seed they were drawn from
 * @param rows      one row per order and operand, first order first
 * @param problems  contract breaks (a kernel that leaves part of its output unwritten, modifies an input, throws; a
 *                  VJP that fails or cannot be differentiated); empty when there are none
 */
public record PrimitiveCheckReport(String primitive, int trials, long seed, List<Row> rows, List<String> problems) {
    public PrimitiveCheckReport {
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
    }

    /**
     * One order and operand over every trial.
     *
     * @param order              1 or 2
     * @param operand            0-based
     * @param checked            entries compared, over all trials
     * @param kinks              entries skipped at a kink
     * @param worstRelative      the largest per-trial relative difference ‖g − ĝ‖/(‖g‖ + ‖ĝ‖)
     * @param worstAbsError      the largest |g − ĝ|
     * @param failedTrials       trials in which this operand's gradient failed the check
     */
    public record Row(int order, int operand, int checked, int kinks, double worstRelative, double worstAbsError,
            int failedTrials) {
        /** @return "pass", "FAIL", or "not checked" when every entry sat at a kink */
        public String result() {
            return failedTrials > 0 ? "FAIL" : checked == 0 ? "not checked" : "pass";
        }
    }

    /** @return true when the contract holds, every row compared at least one entry and no trial failed */
    public boolean passed() {
        return problems.isEmpty() && !rows.isEmpty()
                && rows.stream().allMatch(r -> r.failedTrials() == 0 && r.checked() > 0);
    }

    /** @return the row of one order and operand */
    public Row row(int order, int operand) {
        return rows.stream().filter(r -> r.order() == order && r.operand() == operand).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no order " + order + " row for operand " + operand));
    }

    /** @return a fixed-width table in the style of the gradient check, with a closing verdict line */
    public String table() {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-5s  %-7s  %-15s  %-11s  %7s  %5s  %-6s  %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "order", "operand", "worst rel. diff", "max |g−ĝ|", "checked",
                "kinks", "failed", "result"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, fmt, r.order(), r.operand(),
                    String.format(Locale.ROOT, "%.3e", r.worstRelative()),
                    String.format(Locale.ROOT, "%.3e", r.worstAbsError()), r.checked(), r.kinks(),
                    r.failedTrials() + "/" + trials, r.result()));
        }
        for (String p : problems) {
            sb.append("problem: ").append(p).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "primitive check of %s %s (%d random points, seed %d; VJP against "
                + "central differences%s)%n", primitive, passed() ? "passed" : "FAILED", trials, seed,
                rows.stream().anyMatch(r -> r.order() == 2) ? ", first and second order" : ", first order"));
        return sb.toString();
    }

    @Override
    public String toString() {
        return table();
    }

    /** Accumulates the trials' gradient checks. */
    static final class Builder {
        private final String primitive;
        private final int trials;
        private final long seed;
        private final int[][] checked;
        private final int[][] kinks;
        private final double[][] worstRelative;
        private final double[][] worstAbs;
        private final int[][] failed;
        private final boolean[] seen = new boolean[3];
        private final List<String> problems = new ArrayList<>();

        Builder(String primitive, int trials, long seed, int operands) {
            this.primitive = primitive;
            this.trials = trials;
            this.seed = seed;
            checked = new int[3][operands];
            kinks = new int[3][operands];
            worstRelative = new double[3][operands];
            worstAbs = new double[3][operands];
            failed = new int[3][operands];
        }

        void add(int order, GradCheckReport report) {
            seen[order] = true;
            for (int i = 0; i < report.variables().size(); i++) {
                VariableCheck v = report.variables().get(i);
                checked[order][i] += v.checked();
                kinks[order][i] += v.kinks();
                worstRelative[order][i] = max(worstRelative[order][i], v.relativeDifference());
                worstAbs[order][i] = max(worstAbs[order][i], v.maxAbsError());
                if (v.checked() > 0 && !v.passed()) {
                    failed[order][i]++;
                }
            }
        }

        /** A NaN (a non-finite difference) is the worst of all. */
        private static double max(double a, double b) {
            return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
        }

        void problem(String text) {
            problems.add(text);
        }

        boolean broken() {
            return !problems.isEmpty();
        }

        PrimitiveCheckReport build() {
            List<Row> rows = new ArrayList<>();
            for (int order = 1; order <= 2; order++) {
                if (!seen[order]) {
                    continue;
                }
                for (int i = 0; i < checked[order].length; i++) {
                    rows.add(new Row(order, i, checked[order][i], kinks[order][i], worstRelative[order][i],
                            worstAbs[order][i], failed[order][i]));
                }
            }
            return new PrimitiveCheckReport(primitive, trials, seed, rows, problems);
        }
    }
}
