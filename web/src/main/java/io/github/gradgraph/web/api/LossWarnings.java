package io.github.gradgraph.web.api;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Program;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.FormulaLoss;
import io.github.gradgraph.nn.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ejml.data.DMatrixRMaj;

/**
 * Warnings about a J that is valid but cannot teach the network its labels — a preset that no longer fits the data
 * (the softmax cross-entropy {@code mean(-sum(Y*log(A), 0))} on the one sigmoid row of two classes reaches J ≈ 0 by
 * predicting class 1 everywhere) — found by evaluating J on outputs the output layer can give, not by reading the
 * formula, so that any J of the user's own is judged the same way.
 *
 * <p>J(c; k) is J of one sample of class k (Y as the network sees it: 0/1 for one output row, one-hot for several) whose
 * logits Z are the candidate column c and A = g[L](c): for one row, z ∈ {±8, ±4, ±2, ±1, ±0.5, ±0.25, 0}; for a
 * softmax over n rows, s·e<sub>i</sub> for s ∈ {1, 2, 4, 8} and every row i, and 0. A candidate predicts class k by the
 * playground's accuracy rule ({@link Metrics#predictedClass}). With p<sub>k</sub> the share of class k in the training
 * part, the warnings are:
 * <ul>
 * <li>J(c; k) is the same for every c: the samples of class k teach nothing;</li>
 * <li>J(c; k) is not finite for every c that predicts k: training towards class k fails;</li>
 * <li>otherwise, when min<sub>c</sub> Σ<sub>k</sub> p<sub>k</sub>·J(c; k) ≤ Σ<sub>k</sub> p<sub>k</sub>·min<sub>c
 * predicts k</sub> J(c; k): one output for every sample is as good as the right one for each.</li>
 * </ul>
 * J taken one sample at a time is exact for J that average or sum over the samples, as every preset does.
 */
final class LossWarnings {
    private static final double[] ONE_ROW = {-8, -4, -2, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 2, 4, 8};
    private static final double[] SCALES = {1, 2, 4, 8};
    /** Beyond this many output rows the candidates grow as n², and no preset needs the check. */
    private static final int MAX_ROWS = 12;

    private LossWarnings() {
    }

    /**
     * @param loss    J, a valid formula of A, Z and Y for this output
     * @param output  g[L]
     * @param rows    n[L]
     * @param classes the data's classes
     * @param labels  the training part's labels
     * @return the warnings, in the order above; empty when J rewards the right class for every class
     */
    static List<String> of(String loss, Activation output, int rows, int classes, int[] labels) {
        if (rows > MAX_ROWS) {
            return List.of();
        }
        List<DMatrixRMaj> candidates = candidates(rows);
        int[] predicts = new int[candidates.size()];
        double[][] j = table(loss, output, rows, classes, candidates, predicts); // j[k][c]
        double[] share = new double[classes];
        for (int label : labels) {
            share[label] += 1.0 / labels.length;
        }
        List<String> warnings = new ArrayList<>();
        List<Integer> ignored = new ArrayList<>();
        List<Integer> unreachable = new ArrayList<>();
        double right = 0;
        for (int k = 0; k < classes; k++) {
            if (constant(j[k])) {
                ignored.add(k);
            }
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < candidates.size(); c++) {
                if (predicts[c] == k && Double.isFinite(j[k][c])) {
                    best = Math.min(best, j[k][c]);
                }
            }
            if (best == Double.POSITIVE_INFINITY) {
                unreachable.add(k);
            }
            right += share[k] == 0 ? 0 : share[k] * best;
        }
        if (!ignored.isEmpty()) {
            warnings.add("J does not change with the output on samples of " + classNames(ignored)
                    + ", so training learns nothing from them" + (rows == 1 && ignored.equals(List.of(0))
                            ? ": with one output row their label Y is 0, and J multiplies everything by Y. A softmax "
                                    + "cross-entropy such as mean(-sum(Y*log(A), 0)) needs a row per class: choose "
                                    + "the softmax output activation."
                            : "."));
        }
        if (!unreachable.isEmpty()) {
            warnings.add("J is not a finite number for any output of the " + output.cliName() + " output layer that "
                    + "predicts " + classNames(unreachable) + " (a log or a square root of a negative value?), so "
                    + "training towards it fails.");
        }
        if (warnings.isEmpty() && blind(j, share) <= right + 1e-12 + 1e-9 * Math.abs(right)) {
            warnings.add("J is as low when the network gives every sample the same output as when it classifies "
                    + "each one right, so training can lower J without learning the labels.");
        }
        return warnings;
    }

    /** @return the lowest J of one candidate given to every sample */
    private static double blind(double[][] j, double[] share) {
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < j[0].length; c++) {
            double sum = 0;
            for (int k = 0; k < j.length; k++) {
                sum += share[k] == 0 ? 0 : share[k] * j[k][c];
            }
            if (Double.isFinite(sum)) {
                best = Math.min(best, sum);
            }
        }
        return best;
    }

    private static boolean constant(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min <= 1e-12 * (1 + Math.abs(max));
    }

    private static String classNames(List<Integer> classes) {
        String names = classes.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return (classes.size() == 1 ? "class " : "classes ") + names;
    }

    private static List<DMatrixRMaj> candidates(int rows) {
        List<DMatrixRMaj> list = new ArrayList<>();
        if (rows == 1) {
            for (double z : ONE_ROW) {
                list.add(new DMatrixRMaj(1, 1, true, z));
            }
            return list;
        }
        list.add(new DMatrixRMaj(rows, 1));
        for (double s : SCALES) {
            for (int i = 0; i < rows; i++) {
                DMatrixRMaj z = new DMatrixRMaj(rows, 1);
                z.set(i, 0, s);
                list.add(z);
            }
        }
        return list;
    }

    /**
     * @param predicts Modified: the class each candidate predicts
     * @return J(c; k) for every class k and candidate c; NaN or ∞ where J is not finite
     */
    private static double[][] table(String loss, Activation g, int rows, int classes, List<DMatrixRMaj> candidates,
            int[] predicts) {
        Graph graph = new Graph();
        Node z = graph.input("Z", rows, Dim.M);
        Node y = graph.input("Y", rows, Dim.M);
        Node a = g.apply(z);
        Node j = new FormulaLoss(loss).build(z, a, y);
        Program program = Compiler.compile(List.of(j, a));
        ParameterStore none = new ParameterStore();
        double[][] table = new double[classes][candidates.size()];
        for (int k = 0; k < classes; k++) {
            DMatrixRMaj label = new DMatrixRMaj(rows, 1);
            label.set(rows == 1 ? 0 : k, 0, rows == 1 ? k : 1);
            for (int c = 0; c < candidates.size(); c++) {
                // unchecked: a J that is not finite somewhere is what is looked for, not a failure
                Values v = program.run(Map.of("Z", candidates.get(c), "Y", label), none, Checks.NONE);
                table[k][c] = v.get(j).get(0, 0);
                predicts[c] = Metrics.predictedClass(v.get(a), 0);
            }
        }
        return table;
    }
}
