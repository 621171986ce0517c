package io.github.gradgraph.graph.check;

import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.graph.Input;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Parameter;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Checks derived gradients against central finite differences, ĝᵢ = (J(x + ε·eᵢ) − J(x − ε·eᵢ)) / 2ε, entry by
 * entry for each variable (an input or a parameter).
 *
 * <p>Per variable it reports Ng's relative difference ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖) (pass below 1e-7), the largest absolute
 * error, and an allclose verdict: every entry within |g − ĝ| ≤ max(atol, noise) + rtol·|ĝ| (rtol 1e-3). The
 * absolute part is the difference quotient's own rounding noise, noise = 1000·u·(|J(x+ε)| + |J(x−ε)|)/2ε with u =
 * 2⁻⁵³ (the two loss values' rounding, amplified by 1/2ε; the factor covers the rounding accumulated in J's sums), not
 * a fixed 1e-5 as PyTorch's gradcheck: a fixed floor lets a small gradient pass however wrong it is (a 50 % error on
 * entries of 1e-6), while the noise floor fails any error the differences can see. {@link #withAllclose} sets a fixed
 * atol as a floor under it. A variable passes on either test, provided at least one entry was compared.
 *
 * <p>An entry whose ±ε points fall on different smooth pieces of a piecewise primitive (relu or abs at 0, a tie in a
 * max) is a kink: it is counted, not compared; a variable whose every entry is a kink is "not checked", never a
 * pass. The caller's feeds and parameter store are never modified.
 */
public final class GradientChecker {
    private final double eps;
    private final double relTolerance;
    private final double atol;
    private final double rtol;
    private final int maxEntries;
    private final long sampleSeed;

    private GradientChecker(double eps, double relTolerance, double atol, double rtol) {
        this(eps, relTolerance, atol, rtol, 0, 0);
    }

    private GradientChecker(double eps, double relTolerance, double atol, double rtol, int maxEntries,
            long sampleSeed) {
        if (!(eps > 0) || !(relTolerance > 0) || !(atol >= 0) || !(rtol >= 0)) {
            throw new IllegalArgumentException("gradient check tolerances must be positive");
        }
        this.eps = eps;
        this.relTolerance = relTolerance;
        this.atol = atol;
        this.rtol = rtol;
        if (maxEntries < 0) {
            throw new IllegalArgumentException("the number of entries to check must be ≥ 1 (or 0 for all), got "
                    + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.sampleSeed = sampleSeed;
    }

    /** How many times the difference quotient's unit rounding noise an entry may differ by. */
    static final double NOISE_FACTOR = 1000;

    /** @return a checker with eps 1e-6, relative tolerance 1e-7, atol 0 (the noise floor alone), rtol 1e-3 */
    public static GradientChecker defaults() {
        return new GradientChecker(1e-6, 1e-7, 0, 1e-3);
    }

    /** @return this checker with another finite-difference step */
    public GradientChecker withEps(double newEps) {
        return new GradientChecker(newEps, relTolerance, atol, rtol, maxEntries, sampleSeed);
    }

    /** @return this checker with other allclose tolerances; atol is a floor under the rounding-noise floor */
    public GradientChecker withAllclose(double newAtol, double newRtol) {
        return new GradientChecker(eps, relTolerance, newAtol, newRtol, maxEntries, sampleSeed);
    }

    /**
     * @param max  check at most this many entries of each variable, drawn at random without repeats (0: all), so
     *             that a network with 10⁵ weights is checked in seconds; the entries left out have NaN as their
     *             numeric estimate and count neither as checked nor as kinks
     * @param seed the same seed draws the same entries
     * @return this checker, sampling
     */
    public GradientChecker withSampledEntries(int max, long seed) {
        return new GradientChecker(eps, relTolerance, atol, rtol, max, seed);
    }

    /**
     * Checks ∂J/∂x for each variable.
     *
     * @param j         a 1×1 node
     * @param variables inputs or parameters of J's graph
     * @param feeds     input values by name; not modified
     * @param params    parameter values; not modified
     * @return the report
     * @throws GraphException when a variable is not an input or parameter, or a run's values are invalid
     */
    public GradCheckReport check(Node j, List<Node> variables, Map<String, DMatrixRMaj> feeds,
            ParameterStore params) {
        if (j == null || variables == null) {
            throw new GraphException("gradient check: " + (j == null ? "J" : "the list of variables") + " is null");
        }
        for (Node v : variables) {
            if (v != null && !(v.op() instanceof Input || v.op() instanceof Parameter)) {
                throw new GraphException("a gradient check perturbs inputs and parameters; " + v.describe()
                        + " is computed (made at " + v.site() + ")");
            }
        }
        List<Node> grads = Autodiff.gradients(j, variables);
        Map<String, DMatrixRMaj> myFeeds = new HashMap<>();
        (feeds == null ? Map.<String, DMatrixRMaj>of() : feeds).forEach((name, value) -> myFeeds.put(name, value == null ? null : value.copy()));
        ParameterStore myParams = params == null ? new ParameterStore() : params.copy();

        List<Node> outputs = new ArrayList<>(grads);
        outputs.add(j);
        Values at = Compiler.compileAsWritten(outputs).run(myFeeds, myParams);
        List<DMatrixRMaj> analytic = new ArrayList<>();
        for (Node g : grads) {
            analytic.add(at.copy(g));
        }
        Probe probe = new Probe(j);
        long base = probe.evaluate(myFeeds, myParams).branch();
        List<VariableCheck> results = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Node v = variables.get(i);
            DMatrixRMaj x = v.op() instanceof Input ? myFeeds.get(v.label()) : myParams.get(v);
            results.add(compare(v, x, analytic.get(i), probe, base, myFeeds, myParams));
        }
        return new GradCheckReport(results, eps, relTolerance, atol, rtol);
    }

    private VariableCheck compare(Node v, DMatrixRMaj x, DMatrixRMaj g, Probe probe, long base,
            Map<String, DMatrixRMaj> feeds, ParameterStore params) {
        DMatrixRMaj numeric = new DMatrixRMaj(x.numRows, x.numCols);
        double diff2 = 0;
        double g2 = 0;
        double n2 = 0;
        double maxAbs = 0;
        boolean close = true;
        int kinks = 0;
        int checked = 0;
        int[] entries = entries(x.getNumElements(), v.label());
        java.util.Arrays.fill(numeric.data, Double.NaN);
        for (int k : entries) {
            double orig = x.data[k];
            Probe.Point plus;
            Probe.Point minus;
            try {
                x.data[k] = orig + eps;
                plus = probe.evaluate(feeds, params);
                x.data[k] = orig - eps;
                minus = probe.evaluate(feeds, params);
            } finally {
                x.data[k] = orig;
            }
            double estimate = (plus.value() - minus.value()) / (2 * eps);
            numeric.data[k] = Double.isFinite(estimate) ? estimate : Double.NaN;
            if (plus.branch() != base || minus.branch() != base) {
                kinks++;
                continue;
            }
            checked++;
            double a = g.data[k];
            double d = Math.abs(a - numeric.data[k]);
            diff2 += d * d;
            g2 += a * a;
            n2 += numeric.data[k] * numeric.data[k];
            maxAbs = Double.isNaN(d) ? Double.NaN : Math.max(maxAbs, d);
            double noise = NOISE_FACTOR * 0x1p-53 * (Math.abs(plus.value()) + Math.abs(minus.value())) / (2 * eps);
            close &= d <= Math.max(atol, noise) + rtol * Math.abs(numeric.data[k]);
        }
        double denom = Math.sqrt(g2) + Math.sqrt(n2);
        double rel = denom == 0 ? (diff2 == 0 ? 0 : Double.NaN) : Math.sqrt(diff2) / denom;
        boolean passed = checked > 0 && (rel < relTolerance || close);
        return new VariableCheck(v.label(), v.shape().toString(), rel, maxAbs, close, kinks, checked, passed, g,
                numeric);
    }

    /** @return every index below n, or a seeded random sample of {@link #maxEntries} of them in increasing order */
    private int[] entries(int n, String variable) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (maxEntries == 0 || n <= maxEntries) {
            return all;
        }
        java.util.Random random = new java.util.Random(sampleSeed ^ variable.hashCode());
        for (int i = 0; i < maxEntries; i++) { // a partial Fisher–Yates shuffle
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] sample = java.util.Arrays.copyOf(all, maxEntries);
        java.util.Arrays.sort(sample);
        return sample;
    }
}
