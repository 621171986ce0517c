package io.github.gradgraph.web.api;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.FormulaLoss;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.DataException;
import io.github.gradgraph.nn.data.Preprocessing;
import io.github.gradgraph.graph.GraphException;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * A configuration made concrete, as {@code gradgraph train} makes it: the data (a built-in set or an upload) split
 * 80/20 under the seed, standardized with the training part's statistics, the network with J parsed from the loss
 * box, and its initial parameters (He for relu-like hidden layers, Xavier otherwise; biases 0).
 *
 * @param config        what was asked
 * @param data          the whole data set, in its own units (what the page draws)
 * @param train         the training part, standardized
 * @param test          the held-out part, standardized, or null when the data is too small to hold any out
 * @param preprocessing the standardization, fitted on the training part
 * @param network       the network and its J
 * @param initial       the initial parameters; a caller that trains copies them
 */
public record Setup(PlaygroundConfig config, Dataset data, Dataset train, Dataset test, Preprocessing preprocessing,
        Network network, ParameterStore initial) {
    /** The share of samples held out for the test loss and accuracy. */
    public static final double TEST_FRACTION = 0.2;

    /**
     * @throws ApiException 400 for an unknown data set, data that cannot be standardized or drawn (the message names
     *     the feature), or a loss that is not a valid formula of A, Z and Y (the message gives the line and column),
     *     404 for an upload no longer kept
     */
    public static Setup of(PlaygroundConfig config, Uploads uploads) {
        Dataset data = data(config.data(), config.seed(), uploads);
        Dataset.Split split;
        try {
            split = data.split(TEST_FRACTION, config.seed());
        } catch (IllegalArgumentException e) {
            throw ApiException.bad(e.getMessage());
        }
        Preprocessing pre;
        try {
            pre = Preprocessing.fit(1, true, split.train().x());
        } catch (IllegalArgumentException | DataException e) { // names the feature
            throw ApiException.bad(data.name() + ": " + e.getMessage());
        }
        requireDrawable(data, pre);
        Dataset train = split.train().withFeatures(pre.apply(split.train().x()));
        Dataset test = split.test() == null ? null : split.test().withFeatures(pre.apply(split.test().x()));
        NetworkSpec spec = config.spec(data.features(), data.classes());
        int m = train.size();
        int batch = Math.min(config.batchSize(), m);
        if (spec.batchNorm() && io.github.gradgraph.nn.BatchNorm.leavesBatchOfOne(m, batch)) {
            throw ApiException.bad("batch norm needs at least 2 samples per batch, and " + m + " training samples in "
                    + "batches of " + batch + " leave a batch of one; choose another batch size");
        }
        Network net;
        try {
            net = new Network(spec, new FormulaLoss(config.loss()));
        } catch (GraphException | IllegalArgumentException e) {
            throw new ApiException(400, "loss: " + e.getMessage());
        }
        ParameterStore params = Initializer.forActivation(spec.hidden()).initialize(net, new ParameterStore(),
                config.seed());
        return new Setup(config, data, train, test, pre, net, params);
    }

    private static Dataset data(String name, long seed, Uploads uploads) {
        if (name.startsWith("upload:")) {
            return uploads.get(name.substring("upload:".length()));
        }
        if (!Datasets.NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            throw ApiException.bad("unknown data set '" + Json.shown(name, 40) + "'; choose one of "
                    + String.join(", ", Datasets.NAMES) + ", or upload a CSV");
        }
        return Datasets.builtIn(name, seed);
    }

    /**
     * @return {x0, x1, y0, y1}: the bounding box of {@link #data()} plus a 10 % margin on each side, the area the page
     *     draws and the decision boundary fills
     */
    public double[] area() {
        return area(extent(data));
    }

    /** @return {least x, greatest x, least y, greatest y} of the data */
    private static double[] extent(Dataset data) {
        double[] e = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (int i = 0; i < data.size(); i++) {
            for (int f = 0; f < 2; f++) {
                e[2 * f] = Math.min(e[2 * f], data.x().get(f, i));
                e[2 * f + 1] = Math.max(e[2 * f + 1], data.x().get(f, i));
            }
        }
        return e;
    }

    private static double[] area(double[] extent) {
        double[] a = new double[4];
        for (int f = 0; f < 2; f++) {
            double margin = Math.max(extent[2 * f + 1] - extent[2 * f], 1e-9) * 0.1;
            a[2 * f] = extent[2 * f] - margin;
            a[2 * f + 1] = extent[2 * f + 1] + margin;
        }
        return a;
    }

    /**
     * Refuses data whose drawing the page and the boundary cannot compute in doubles: a feature whose drawn area is
     * wider than a double holds (values near ±1e308 of both signs), or whose area's edges standardize to ±∞ (values
     * far beyond the training part's spread, such as a held-out 1e300 where the training values differ by 1e-12).
     * Everything drawn or trained lies within the area, and standardizing is monotone, so finite edges are enough.
     *
     * @throws ApiException 400 naming the feature and its values
     */
    private static void requireDrawable(Dataset data, Preprocessing pre) {
        double[] extent = extent(data);
        double[] area = area(extent);
        DMatrixRMaj edges = pre.apply(new DMatrixRMaj(2, 2, true, area));
        for (int f = 0; f < 2; f++) {
            String why = null;
            if (!Double.isFinite(area[2 * f + 1] - area[2 * f])) {
                why = "their spread with the drawing's 10 % margin is more than a double holds";
            } else if (!Double.isFinite(edges.get(f, 0)) || !Double.isFinite(edges.get(f, 1))) {
                why = "standardized by the training part's σ = " + pre.standardizer().std()[f]
                        + ", the drawing's edges are more than a double holds";
            }
            if (why != null) {
                throw ApiException.bad(data.name() + ": feature " + (f + 1) + " (" + (f == 0 ? "x" : "y")
                        + ") runs from " + extent[2 * f] + " to " + extent[2 * f + 1] + ", and " + why
                        + "; rescale that column");
            }
        }
    }

    /** @return for each sample of {@link #data()}, whether it is held out (as {@link Dataset#split} draws it) */
    public boolean[] heldOut() {
        int m = data.size();
        int[] order = Dataset.splitOrder(data.name(), m, TEST_FRACTION, config.seed());
        boolean[] held = new boolean[m];
        for (int i = 0; i < m - Dataset.trainCount(m, TEST_FRACTION); i++) {
            held[order[i]] = true;
        }
        return held;
    }

    /**
     * @return warnings about a J that validates but cannot teach this network the data's labels, such as a softmax
     *     cross-entropy on a single sigmoid output (see {@link LossWarnings}); empty when there are none
     */
    public List<String> warnings() {
        NetworkSpec s = network.spec();
        return LossWarnings.of(config.loss(), s.output(), outputs(), data.classes(), train.labels());
    }

    /** @return the number of outputs n[L] */
    public int outputs() {
        NetworkSpec s = network.spec();
        return s.size(s.depth());
    }
}
