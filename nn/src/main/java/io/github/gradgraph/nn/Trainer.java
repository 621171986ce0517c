package io.github.gradgraph.nn;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.core.Finite;
import io.github.gradgraph.graph.FeedException;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Shuffle;
import io.github.gradgraph.nn.optim.Optimizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Mini-batch training of a {@link Network} by its {@link TrainingStep}: one compiled program computes J, every
 * ∂J/∂W[l], ∂J/∂b[l] (derived by the engine) and A[L]; the optimizer then updates the parameter store. Batches are drawn from a seeded shuffle
 * each epoch; the last, smaller batch runs the same program (the batch dimension m is bound per run).
 */
public final class Trainer {
    /** Called after every epoch. */
    public interface Listener {
        /** @param epoch 1-based; @param loss the epoch's J; @param accuracy the epoch's training accuracy */
        void epochEnd(int epoch, double loss, double accuracy);
    }

    private final Network net;
    private final TrainingStep step;

    /** Derives the gradients of {@code net}'s J and compiles the training step. */
    public Trainer(Network net, Optimizer optimizer) {
        this.net = net;
        this.step = new TrainingStep(net, optimizer);
    }

    /** @return the gradient nodes, in the order of {@link Network#parameters()} */
    public List<Node> gradients() {
        return step.gradients();
    }

    /**
     * Trains.
     *
     * @param store     the parameters, updated in place
     * @param train     the training samples
     * @param epochs    ≥ 1
     * @param batchSize ≥ 1; the whole set when larger than it
     * @param seed      the shuffle seed: the same seed gives the same run
     * @param listener  told after each epoch; may be null
     * @throws TrainingException when J or a gradient is not finite, naming the epoch, batch and first culprit node;
     *     the parameters keep the values from before that batch
     */
    public TrainingHistory fit(ParameterStore store, Dataset train, int epochs, int batchSize, long seed,
            Listener listener) {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batch size must be at least 1, got " + epochs + " and "
                    + batchSize);
        }
        int m = train.size();
        int batch = Math.min(batchSize, m);
        DMatrixRMaj y = train.targets(net.spec().size(net.spec().depth()));
        // Checked once here, so that each batch (a copy of checked values) needs only a shape check.
        requireFinite(train.name() + " features", train.x());
        for (Node p : net.parameters()) {
            if (store.get(p) != null) {
                requireFinite("parameter " + p.label(), store.get(p));
            }
        }
        Random random = new Random(seed);
        Map<Integer, Map<String, DMatrixRMaj>> feedsBySize = new HashMap<>();
        double[] losses = new double[epochs];
        double[] accuracies = new double[epochs];
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        int[] batchLabels = new int[batch];
        // A batch that covers the whole set is the seed's full-batch algorithm: the data in its own order, fed as it
        // is (no shuffle, no copy of the features each epoch).
        boolean fullBatch = batch == m;
        Map<String, DMatrixRMaj> wholeSet = Map.of("X", train.x(), "Y", y);
        for (int epoch = 0; epoch < epochs; epoch++) {
            if (!fullBatch) {
                Shuffle.shuffle(order, random);
            }
            double lossSum = 0;
            int correct = 0;
            for (int start = 0, b = 1; start < m; start += batch, b++) {
                int size = Math.min(batch, m - start);
                Map<String, DMatrixRMaj> feeds;
                if (fullBatch) {
                    feeds = wholeSet;
                } else {
                    feeds = feedsBySize.computeIfAbsent(size, s -> Map.of(
                            "X", new DMatrixRMaj(train.features(), s), "Y", new DMatrixRMaj(y.numRows, s)));
                    gather(train.x(), order, start, feeds.get("X"));
                    gather(y, order, start, feeds.get("Y"));
                    for (int j = 0; j < size; j++) {
                        batchLabels[j] = train.labels()[order[start + j]];
                    }
                }
                Values v;
                try {
                    v = step.run(feeds, store, Checks.SHAPES);
                } catch (TrainingException e) {
                    throw new TrainingException("training stopped at epoch " + (epoch + 1) + ", batch " + b + ": "
                            + e.getMessage() + ". Try a smaller --lr.");
                }
                lossSum += step.loss(v) * size;
                correct += Metrics.correct(step.output(v), fullBatch ? train.labels() : batchLabels, 0);
            }
            losses[epoch] = lossSum / m;
            accuracies[epoch] = correct / (double) m;
            if (listener != null) {
                listener.epochEnd(epoch + 1, losses[epoch], accuracies[epoch]);
            }
        }
        return new TrainingHistory(losses, accuracies);
    }

    private static void requireFinite(String what, DMatrixRMaj m) {
        if (!Finite.all(m)) {
            int i = Finite.first(m);
            throw new FeedException(what + " has " + m.data[i] + " at row " + i / m.numCols + ", column "
                    + i % m.numCols + "; values must be finite");
        }
    }

    private static void gather(DMatrixRMaj source, int[] order, int start, DMatrixRMaj target) {
        int cols = target.numCols;
        for (int i = 0; i < source.numRows; i++) {
            for (int j = 0; j < cols; j++) {
                target.data[i * cols + j] = source.data[i * source.numCols + order[start + j]];
            }
        }
    }
}
