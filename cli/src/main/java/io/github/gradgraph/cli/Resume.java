package io.github.gradgraph.cli;

import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.TrainingState;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code --resume}: the options a run continues with. What the command line leaves out is taken from the checkpoint
 * (the network, the data options, the seed); what it gives must agree with the checkpoint where a difference would
 * make it another run (the network, the optimizer, the preprocessing, the seed), and a disagreement names both values.
 * The learning rate, the batch size and the data files may change.
 */
final class Resume {
    private Resume() {
    }

    /** @return the checkpoint's training state, or an error when it has none */
    static TrainingState state(Checkpoint c, String file) {
        if (c.training() == null) {
            throw new IllegalArgumentException("--resume " + file + ": the model has no training state to resume "
                    + "from; start a new run from its weights with --init-from " + file);
        }
        return c.training();
    }

    static void fill(DataOptions d, NetworkOptions n, Checkpoint c) {
        TrainingState t = c.training();
        NetworkSpec s = c.spec();
        if (n.init != null || n.initFrom != null) {
            throw new IllegalArgumentException((n.init != null ? "--init" : "--init-from") + " and --resume both "
                    + "say how the parameters start; give one");
        }
        if (n.layers != null && !sameLayers(n, s)) {
            throw conflict("--layers " + n.layers, "layers " + s.text());
        }
        same("--activation", n.activation, s.hidden().cliName(), n.activation == null ? null
                : Activation.parse(n.activation).cliName());
        n.activation = s.hidden().cliName();
        same("--output-activation", n.outputActivation, s.output().cliName(), n.outputActivation == null ? null
                : Activation.parse(n.outputActivation).cliName());
        n.outputActivation = s.output().cliName();
        same("--loss", n.loss, s.loss().cliName(), n.loss == null ? null : LossKind.parse(n.loss).cliName());
        n.loss = s.loss().cliName();
        if (n.l2 != null && Double.compare(n.l2, s.l2()) != 0) {
            throw conflict("--l2 " + n.l2, "l2 " + s.l2());
        }
        n.l2 = s.l2();
        if (n.batchNorm != null && n.batchNorm != s.batchNorm()) {
            throw conflict("--batch-norm", "batch norm " + (s.batchNorm() ? "on" : "off"));
        }
        n.batchNorm = s.batchNorm();
        if (n.dropout != null && Double.compare(n.dropout, s.dropout()) != 0) {
            throw conflict("--dropout " + n.dropout, "dropout " + s.dropout());
        }
        n.layers = s.text(); // with bn and dropout in place: the flags that would add them are spent
        n.batchNorm = null;
        n.dropout = null;
        if (n.seed != null && n.seed != t.seed()) {
            throw conflict("--seed " + n.seed, "seed " + t.seed());
        }
        n.seed = t.seed();
        String standardize = c.standardizer() != null ? "zscore" : "none";
        if (d.standardize != null && !d.standardize.trim().equalsIgnoreCase(standardize)) {
            throw conflict("--standardize " + d.standardize, "standardize " + standardize);
        }
        if (d.scale != null && Double.compare(Scale.parse(d.scale), c.scale()) != 0) {
            throw conflict("--scale " + d.scale, "scale " + c.scale());
        }
        Map<String, String> saved = t.settings();
        d.data = d.data != null ? d.data : saved.get("data");
        d.labelColumn = d.labelColumn != null ? d.labelColumn : saved.get("label_column");
        d.labels = d.labels != null ? d.labels : saved.get("labels");
        d.xKey = d.xKey != null ? d.xKey : saved.get("x_key");
        d.yKey = d.yKey != null ? d.yKey : saved.get("y_key");
        if (d.testData == null && d.testFraction == null) {
            d.testData = saved.get("test_data");
            d.testLabels = saved.get("test_labels");
            d.testFraction = saved.containsKey("test_fraction") ? Double.valueOf(saved.get("test_fraction")) : null;
        }
    }

    /**
     * @return whether --layers, read with the checkpoint's activations, gives the checkpoint's layers, on its own or
     *     with bn and dropout after every hidden layer as --batch-norm and --dropout put them
     */
    private static boolean sameLayers(NetworkOptions n, NetworkSpec s) {
        try {
            NetworkSpec given = NetworkSpec.parse(n.layers, s.hidden(), s.output(), s.loss(), s.l2());
            if (given.input().equals(s.input()) && given.stack().equals(s.stack())) {
                return true;
            }
            return s.isPerceptron() && given.isPerceptron() && !given.batchNorm() && given.dropout() == 0
                    && given.withBatchNorm(s.batchNorm()).withDropout(s.dropout()).equals(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Checks an option of the training command against the checkpoint's value. */
    static void same(String option, String given, String saved, String normalized) {
        if (given != null && !saved.equals(normalized)) {
            throw conflict(option + " " + given, option.substring(2) + " " + saved);
        }
    }

    static IllegalArgumentException conflict(String given, String saved) {
        return new IllegalArgumentException(given + " conflicts with the resumed checkpoint's " + saved
                + "; leave the option out to continue as it was, or start a new run");
    }

}
