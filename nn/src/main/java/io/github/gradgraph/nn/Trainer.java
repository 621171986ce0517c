package io.github.gradgraph.nn;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.core.Finite;
import io.github.gradgraph.graph.FeedException;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Shuffle;
import io.github.gradgraph.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import io.github.gradgraph.core.Precision;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.data.Matrix;

/**
 * Mini-batch training of a {@link Network} by its {@link TrainingStep}: one compiled program computes J, every
 * ∂J/∂W[l], ∂J/∂b[l] (derived by the engine) and A[L]; the optimizer then updates the parameter store.
 *
 * <p>Each epoch draws a fresh permutation of the samples from its own generator, seeded by the seed and the epoch's
 * number, and cuts it into batches; the last, smaller batch runs the same program (the batch dimension m is bound per
 * run). A batch that covers the whole set is the full-batch algorithm: the data in its own order, fed as it is (no
 * shuffle, no copy). Because an epoch's batches depend only on the seed and its number, and the optimizer's state can
 * be saved and restored, N epochs and then N more from a checkpoint give bitwise the parameters of 2N in one run.
 */
public final class Trainer {
    /** Called after every epoch. */
    public interface Listener {
        /** @param stats the epoch just finished; the parameters are those after its last update */
        void epochEnd(EpochStats stats);
    }

    private final Network net;
    private final TrainingStep step;
    private final Optimizer optimizer;
    /** The optimizer's learning rate when this trainer was made: the base a schedule scales; NaN when it has none. */
    private final double baseRate;
    private Evaluator evaluator;
    private double clipValue;

    /**
     * Derives the gradients of {@code net}'s J and compiles the training step. The optimizer's learning rate now is
     * the base rate α a plan's {@link LearningRateSchedule} scales.
     */
    public Trainer(Network net, Optimizer optimizer) {
        this(net, optimizer, DType.F64);
    }

    /**
     * As {@link #Trainer(Network, Optimizer)}, the training step and the evaluation computing in {@code dtype} (the
     * parameters, the optimizer's state and the history stay float64; see {@link TrainingStep}).
     */
    public Trainer(Network net, Optimizer optimizer, DType dtype) {
        this.net = net;
        this.optimizer = optimizer;
        this.step = new TrainingStep(net, optimizer, dtype);
        this.baseRate = io.github.gradgraph.nn.optim.Optimizers.rateOf(optimizer);
    }

    /**
     * Clips every gradient element into [−c, c] before each update (PyTorch's {@code clip_grad_value_}, the classic
     * course's {@code np.clip}), before any clipping by norm the plan asks for.
     *
     * @param c &gt; 0, or 0 for none
     */
    public void setClipValue(double c) {
        if (!(c >= 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("the clip value must be a finite number > 0 (or 0 for none), got " + c);
        }
        clipValue = c;
    }

    /** @return the gradient nodes, in the order of {@link Network#parameters()} */
    public List<Node> gradients() {
        return step.gradients();
    }

    /** @return the dtype the training step computes in */
    public DType dtype() {
        return step.dtype();
    }

    /** @return the optimizer, whose {@link Optimizer#state()} a checkpoint saves */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Trains without a test set, starting at epoch 0.
     *
     * @param batchSize ≥ 1; the whole set when larger than it
     * @see #fit(ParameterStore, Dataset, Dataset, TrainingPlan, Listener)
     */
    public TrainingHistory fit(ParameterStore store, Dataset train, int epochs, int batchSize, long seed,
            Listener listener) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
        return fit(store, train, null, new TrainingPlan(epochs, batchSize, seed, 0), listener);
    }

    /**
     * Trains.
     *
     * @param store    the parameters, updated in place
     * @param train    the training samples
     * @param test     samples to evaluate J and accuracy on after every epoch, or null
     * @param plan     epochs, batch size, seed, and the epochs already done
     * @param listener told after each epoch; may be null
     * @throws TrainingException when J or a gradient is not finite, naming the epoch, batch and first culprit node;
     *     the parameters keep the values from before that batch
     */
    public TrainingHistory fit(ParameterStore store, Dataset train, Dataset test, TrainingPlan plan,
            Listener listener) {
        return fit(store, train, null, test, plan, listener);
    }

    /**
     * Trains, following the plan's regimen: each epoch's learning rate from its schedule, clipping, and early stopping
     * monitoring the validation loss (or, without a validation set, the test loss).
     *
     * @param validation samples held out of training to monitor, or null
     * @throws IllegalArgumentException when the plan stops early but there is neither a validation nor a test set, or
     *     schedules an optimizer that has no learning rate
     * @see #fit(ParameterStore, Dataset, Dataset, TrainingPlan, Listener)
     */
    public TrainingHistory fit(ParameterStore store, Dataset train, Dataset validation, Dataset test,
            TrainingPlan plan, Listener listener) {
        if (plan.patience() > 0 && validation == null && test == null) {
            throw new IllegalArgumentException("early stopping needs held-out data to monitor: a test set or a "
                    + "validation set");
        }
        EpochRegimen regimen = new EpochRegimen(plan, optimizer, baseRate);
        int m = train.size();
        int batch = plan.batchFor(m);
        if (net.spec().batchNorm() && BatchNorm.leavesBatchOfOne(m, batch)) {
            throw new IllegalArgumentException("batch normalization needs at least 2 samples per batch, and " + m
                    + " samples in batches of " + batch + " leave a batch of one; choose another batch size");
        }
        DMatrixRMaj y = train.targets(net.spec().outputs());
        // Checked once here, so that each batch (a copy of checked values) needs only a shape check.
        requireFinite(train.name() + " features", train.x());
        for (Node p : net.parameters()) {
            if (store.get(p) != null) {
                requireFinite("parameter " + p.label(), store.get(p));
            }
        }
        DMatrixRMaj testY = null;
        DMatrixRMaj validationY = null;
        if ((test != null || validation != null) && evaluator == null) {
            evaluator = new Evaluator(net, step.dtype());
        }
        if (test != null) {
            testY = evaluator.targets(test);
            requireFinite(test.name() + " features", test.x());
        }
        if (validation != null) {
            validationY = evaluator.targets(validation);
            requireFinite(validation.name() + " features", validation.x());
        }
        Map<Integer, Map<String, Matrix>> feedsBySize = new HashMap<>();
        List<EpochStats> epochs = new ArrayList<>();
        int[] order = new int[m];
        int[] batchLabels = new int[batch];
        boolean fullBatch = batch == m;
        // A float32 step gets its data in float32, rounded once here rather than in every step
        boolean f32 = step.dtype() == DType.F32;
        Matrix x = fed(train.name() + " features", train.x(), f32);
        Matrix targets = fed(train.name() + " targets", y, f32);
        Map<String, Matrix> wholeSet = Map.of("X", x, "Y", targets);
        // the held-out sets too, for the evaluation after every epoch (checked above)
        Matrix testX = test == null ? null : fed(test.name() + " features", test.x(), f32);
        Matrix testTargets = fed("test targets", testY, f32);
        Matrix validationX = validation == null ? null : fed(validation.name() + " features", validation.x(), f32);
        Matrix validationTargets = fed("validation targets", validationY, f32);
        for (int e = 0; e < plan.epochs(); e++) {
            long start = System.nanoTime();
            int epoch = plan.doneEpochs() + e; // 0-based over the whole run
            double rate = regimen.begin(epoch);
            double normSum = 0;
            int steps = 0;
            if (!fullBatch) {
                for (int i = 0; i < m; i++) {
                    order[i] = i;
                }
                Shuffle.shuffle(order, new Random(TrainingPlan.epochSeed(plan.seed(), epoch)));
            }
            double lossSum = 0;
            int correct = 0;
            for (int first = 0, b = 1; first < m; first += batch, b++) {
                int size = Math.min(batch, m - first);
                Map<String, Matrix> feeds;
                if (fullBatch) {
                    feeds = wholeSet;
                } else {
                    feeds = feedsBySize.computeIfAbsent(size, s -> Map.of(
                            "X", f32 ? new FMatrixRMaj(train.features(), s) : new DMatrixRMaj(train.features(), s),
                            "Y", f32 ? new FMatrixRMaj(y.numRows, s) : new DMatrixRMaj(y.numRows, s)));
                    gather(x, order, first, feeds.get("X"));
                    gather(targets, order, first, feeds.get("Y"));
                    for (int j = 0; j < size; j++) {
                        batchLabels[j] = train.labels()[order[first + j]];
                    }
                }
                Values v;
                try {
                    v = step.run(feeds, store, Checks.SHAPES, plan.clipNorm(), clipValue,
                            DropoutMasks.key(plan.seed(), epoch, b));
                } catch (TrainingException ex) {
                    throw new TrainingException("training stopped at epoch " + (epoch + 1) + ", batch " + b + ": "
                            + ex.getMessage() + "; a smaller learning rate may help");
                }
                normSum += step.lastGradNorm();
                steps++;
                lossSum += step.loss(v) * size;
                correct += Metrics.correct(step.output(v), fullBatch ? train.labels() : batchLabels, 0);
            }
            Evaluator.Result t = test == null ? null : evaluator.evaluate(store, testX, testTargets, test.labels());
            Evaluator.Result val = validation == null ? null : evaluator.evaluate(store, validationX,
                    validationTargets, validation.labels());
            EpochStats stats = new EpochStats(epoch + 1, lossSum / m, correct / (double) m,
                    t == null ? Double.NaN : t.loss(), t == null ? Double.NaN : t.accuracy(),
                    (System.nanoTime() - start) / 1e9, rate, normSum / steps,
                    val == null ? Double.NaN : val.loss(), val == null ? Double.NaN : val.accuracy());
            epochs.add(stats);
            if (listener != null) {
                listener.epochEnd(stats);
            }
            if (regimen.end(epoch, val != null ? val.loss() : t != null ? t.loss() : Double.NaN, store)) {
                break;
            }
        }
        return regimen.finish(epochs, store);
    }

    private static void requireFinite(String what, DMatrixRMaj m) {
        if (!Finite.all(m)) {
            int i = Finite.first(m);
            throw new FeedException(what + " has " + m.data[i] + " at row " + i / m.numCols + ", column "
                    + i % m.numCols + "; values must be finite");
        }
    }

    /**
     * @param what what {@code m} is, for the message
     * @return {@code m} (null when there is no such set) as the step is fed it: itself, or for a float32 step a
     *     float32 copy, refusing a value beyond float32's range
     */
    private static Matrix fed(String what, DMatrixRMaj m, boolean f32) {
        if (m == null || !f32) {
            return m;
        }
        FMatrixRMaj f = Precision.toFloat(m);
        if (!Precision.allFinite(f)) {
            int i = Precision.firstNonFinite(f);
            throw new FeedException(what + " has " + m.data[i] + " at row " + i / m.numCols + ", column "
                    + i % m.numCols + ", outside float32's range (±3.4e38); this run computes in float32");
        }
        return f;
    }

    /** Copies the columns {@code order[start…]} of {@code source} into {@code target}, both float64 or float32. */
    private static void gather(Matrix source, int[] order, int start, Matrix target) {
        int cols = target.getNumCols();
        int rows = source.getNumRows();
        int stride = source.getNumCols();
        if (source instanceof FMatrixRMaj s && target instanceof FMatrixRMaj t) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    t.data[i * cols + j] = s.data[i * stride + order[start + j]];
                }
            }
            return;
        }
        DMatrixRMaj s = (DMatrixRMaj) source;
        DMatrixRMaj t = (DMatrixRMaj) target;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t.data[i * cols + j] = s.data[i * stride + order[start + j]];
            }
        }
    }
}
