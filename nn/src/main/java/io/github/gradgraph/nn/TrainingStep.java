package io.github.gradgraph.nn;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.core.ParallelOps;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.NonFiniteException;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Program;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.rewrite.Rewriter;
import io.github.gradgraph.nn.layers.LayerContext;
import io.github.gradgraph.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.Matrix;

/**
 * One training step of a {@link Network}, compiled once: a single program computes J, every ∂J/∂W[l], ∂J/∂b[l]
 * (derived by the engine) and A[L], with buffers planned per batch size; the optimizer then updates the parameters
 * in place. A steady-state step at a fixed batch size allocates nothing in the program or the update.
 *
 * <p>The program computes in float64 or float32 ({@link DType}). The parameters stay float64 either way (master
 * weights, as mixed-precision training keeps them): a float32 step rounds them to float at its start, computes J and
 * the gradients in float32 and hands the optimizer the gradients widened to float64, so the update, its state, the
 * checkpoints and every caller are the same in both.
 */
public final class TrainingStep {
    private final Optimizer optimizer;
    private final List<Node> params;
    private final List<Node> grads;
    private final Node loss;
    private final Node output;
    private final Program program;
    private final List<DMatrixRMaj> paramValues = new ArrayList<>();
    private final List<DMatrixRMaj> gradValues = new ArrayList<>();
    private ParameterStore bound;
    private double lastGradNorm = Double.NaN;
    private final List<LayerContext.Mask> masks;
    private final List<Node> means;
    private final List<Node> variances;
    /** A sequence network's last states a⟨T⟩ (c⟨T⟩), computed by the step for a stateful caller. */
    private final List<Node> states;
    private final List<Node> runningMeans = new ArrayList<>();
    private final List<Node> runningVars = new ArrayList<>();
    /** Per batch size: the feeds with the dropout masks' buffers, reused every step. */
    private final Map<Integer, Map<String, Matrix>> maskedFeeds = new java.util.HashMap<>();

    /**
     * Derives the gradients of {@code net}'s J, simplifies forward and backward graph with the standard rewrites
     * (values are preserved; the backward pass becomes the textbook's: (1/m)·dZ·Aᵀ with transposed-matmul kernels and no
     * broadcast materialized) and compiles the step.
     */
    public TrainingStep(Network net, Optimizer optimizer) {
        this(net, optimizer, DType.F64);
    }

    /** As {@link #TrainingStep(Network, Optimizer)}, the step's program computing in {@code dtype}. */
    public TrainingStep(Network net, Optimizer optimizer, DType dtype) {
        this.optimizer = optimizer;
        this.params = net.parameters();
        Rewriter.Session rewrite = Rewriter.standard().session();
        List<Node> wanted = new ArrayList<>(List.of(net.trainingLoss(), net.trainingOutput()));
        wanted.addAll(net.batchMeans());
        wanted.addAll(net.batchVariances());
        wanted.addAll(net.finalStates());
        List<Node> forward = rewrite.rewrite(wanted).outputs();
        this.loss = forward.get(0);
        this.output = forward.get(1);
        int bn = net.batchMeans().size();
        this.means = List.copyOf(forward.subList(2, 2 + bn));
        this.variances = List.copyOf(forward.subList(2 + bn, 2 + 2 * bn));
        this.states = List.copyOf(forward.subList(2 + 2 * bn, forward.size()));
        runningMeans.addAll(net.runningMeans());
        runningVars.addAll(net.runningVariances());
        this.masks = net.dropouts();
        this.grads = List.copyOf(rewrite.rewrite(Autodiff.gradients(loss, params)).outputs());
        List<Node> outputs = new ArrayList<>(List.of(loss, output)); // J first: a NaN is reported as J's
        outputs.addAll(grads);
        outputs.addAll(means);
        outputs.addAll(variances);
        outputs.addAll(states);
        this.program = Compiler.compileAsWritten(outputs, dtype);
    }

    /** @return the dtype the step computes in */
    public DType dtype() {
        return program.dtype();
    }

    /** @return the compiled program: J, A[L], then the gradients */
    public Program program() {
        return program;
    }

    /** @return the gradient nodes, in the order of {@link Network#parameters()} */
    public List<Node> gradients() {
        return grads;
    }

    /**
     * Computes J and the gradients on one batch and, when all are finite, updates the parameters.
     *
     * @param feeds X and Y of the batch ({@link DMatrixRMaj}, or {@link org.ejml.data.FMatrixRMaj} for a float32 step,
     *              read in place); not modified
     * @param store the parameters; updated in place
     * @return the step's values (J, A[L], gradients), valid until the next step
     * @throws TrainingException when J or a gradient is not finite, naming the first culprit node (the parameters
     *     are then left as they were), or when the update itself overflowed a parameter, naming it (right after that
     *     update)
     */
    public Values run(Map<String, ? extends Matrix> feeds, ParameterStore store) {
        return run(feeds, store, Checks.FULL);
    }

    /**
     * As {@link #run(Map, ParameterStore)}, with the feed validation chosen: {@link Checks#SHAPES} skips the scan of
     * every value for NaN or ∞, for batches of data checked when loaded. The parameters need no scan either way:
     * they are only ever updated with finite gradients, which every step checks.
     */
    public Values run(Map<String, ? extends Matrix> feeds, ParameterStore store, Checks checks) {
        return run(feeds, store, checks, 0);
    }

    /**
     * As {@link #run(Map, ParameterStore, Checks)}, clipping the gradients before the update as PyTorch's
     * {@code clip_grad_norm_}: scaled by min(1, C/(‖g‖ + 1e-6)), ‖g‖ the L2 norm over all of them (the L2 term
     * included). The norm before clipping is {@link #lastGradNorm()}; the returned values hold the clipped gradients.
     *
     * @param clipNorm C &gt; 0, or 0 for no clipping
     */
    public Values run(Map<String, ? extends Matrix> feeds, ParameterStore store, Checks checks, double clipNorm) {
        return run(feeds, store, checks, clipNorm, 0L);
    }

    /**
     * As {@link #run(Map, ParameterStore, Checks, double)}, with the dropout masks of the step drawn from
     * {@code dropoutKey} ({@link DropoutMasks#key}); with batch norm, the running statistics are updated after the
     * update: running ← 0.9·running + 0.1·batch, the batch variance taken unbiased (m/(m − 1)), as PyTorch's.
     *
     * @throws IllegalArgumentException when a batch-normalized network gets a batch of one sample
     */
    public Values run(Map<String, ? extends Matrix> feeds, ParameterStore store, Checks checks, double clipNorm,
            long dropoutKey) {
        return run(feeds, store, checks, clipNorm, 0, dropoutKey);
    }

    /**
     * As {@link #run(Map, ParameterStore, Checks, double, long)}, first clipping every gradient element into
     * [−clipValue, clipValue] (PyTorch's {@code clip_grad_value_}, the course's {@code np.clip}) when
     * {@code clipValue} &gt; 0, then by the norm; {@link #lastGradNorm()} is the norm before either.
     */
    public Values run(Map<String, ? extends Matrix> feeds, ParameterStore store, Checks checks, double clipNorm,
            double clipValue, long dropoutKey) {
        Matrix xs = feeds.get("X");
        int m = xs == null ? 0 : xs.getNumCols();
        if (!means.isEmpty() && m == 1) {
            throw new IllegalArgumentException("batch normalization needs at least 2 samples per batch, got 1 "
                    + "(choose a batch size that leaves no batch of one sample)");
        }
        for (int i = 0; i < runningMeans.size(); i++) { // checked before anything changes
            if (store.get(runningMeans.get(i)) == null || store.get(runningVars.get(i)) == null) {
                throw new IllegalArgumentException("the running statistics " + runningMeans.get(i).label() + " and "
                        + runningVars.get(i).label() + " have no value; start the parameters with an Initializer "
                        + "(or Initializer.startNormalization)");
            }
        }
        Map<String, ? extends Matrix> all = feeds;
        if (!masks.isEmpty() && xs != null) {
            Map<String, Matrix> withMasks = m == lastMaskSize ? lastMaskFeeds : maskFeeds(m); // no boxing or lookup
            for (int i = 0; i < masks.size(); i++) {
                LayerContext.Mask d = masks.get(i);
                DropoutMasks.fill((DMatrixRMaj) withMasks.get(d.node().label()), d.p(), dropoutKey, d.layer(), 0);
            }
            withMasks.put("X", xs);
            withMasks.put("Y", feeds.get("Y"));
            all = withMasks;
        }
        Values v;
        try {
            v = program.run(all, store, checks == Checks.NONE ? Checks.SHAPES : checks); // outputs always checked
        } catch (NonFiniteException e) {
            throw new TrainingException(e.getMessage());
        }
        if (!isBound(store)) {
            paramValues.clear();
            for (int i = 0; i < params.size(); i++) {
                paramValues.add(store.get(params.get(i)));
            }
            bound = store;
        }
        gradValues.clear();
        for (int i = 0; i < grads.size(); i++) {
            gradValues.add(v.get(grads.get(i)));
        }
        lastGradNorm = GradientClipping.globalNorm(gradValues);
        if (clipValue > 0) {
            GradientClipping.clipValues(gradValues, clipValue);
            if (clipNorm > 0) {
                GradientClipping.clip(gradValues, GradientClipping.globalNorm(gradValues), clipNorm);
            }
        } else if (clipNorm > 0) {
            GradientClipping.clip(gradValues, lastGradNorm, clipNorm);
        }
        optimizer.step(paramValues, gradValues);
        if (!allFinite(paramValues)) { // finite gradients can still overflow a parameter (a huge α)
            throw overflowed();
        }
        for (int i = 0; i < means.size(); i++) {
            track(store.get(runningMeans.get(i)), v.get(means.get(i)), 1.0);
            track(store.get(runningVars.get(i)), v.get(variances.get(i)), m / (m - 1.0));
        }
        return v;
    }

    private int lastMaskSize = -1;
    private Map<String, Matrix> lastMaskFeeds;

    /** @return the feeds with mask buffers for batches of {@code m}, made once per batch size */
    private Map<String, Matrix> maskFeeds(int m) {
        lastMaskFeeds = maskedFeeds.computeIfAbsent(m, size -> {
            Map<String, Matrix> f = new java.util.HashMap<>();
            for (LayerContext.Mask d : masks) {
                f.put(d.node().label(), new DMatrixRMaj(d.node().shape().rows().size(), size));
            }
            return f;
        });
        lastMaskSize = m;
        return lastMaskFeeds;
    }

    /** Tracks factor·batch in the running statistics, in place ({@link BatchNorm#track}). */
    private static void track(DMatrixRMaj running, DMatrixRMaj batch, double factor) {
        for (int i = 0, n = running.getNumElements(); i < n; i++) {
            running.data[i] = BatchNorm.track(running.data[i], factor * batch.data[i]);
        }
    }

    /** @return true when the cached parameter values are still the store's (a {@code set} replaces a value) */
    private boolean isBound(ParameterStore store) {
        if (store != bound) {
            return false;
        }
        for (int i = 0; i < params.size(); i++) {
            if (store.get(params.get(i)) != paramValues.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** @return a sequence network's last states a⟨T⟩ (c⟨T⟩) in the order of {@link Network#finalStates()} */
    public List<Node> finalStates() {
        return states;
    }

    /** @return ‖g‖ of the last step's gradients, before clipping (NaN before the first step) */
    public double lastGradNorm() {
        return lastGradNorm;
    }

    /** @return J of the values a {@link #run} returned */
    public double loss(Values v) {
        return v.scalar(loss);
    }

    /** @return A[L] of the values a {@link #run} returned */
    public DMatrixRMaj output(Values v) {
        return v.get(output);
    }

    private TrainingException overflowed() {
        int p = 0;
        while (ParallelOps.allFinite(paramValues.get(p))) {
            p++;
        }
        DMatrixRMaj value = paramValues.get(p);
        int i = io.github.gradgraph.core.Finite.first(value);
        return new TrainingException("the update made parameter " + params.get(p).label() + " non-finite ("
                + value.data[i] + " at row " + i / value.numCols + ", column " + i % value.numCols + ") although "
                + "every gradient was finite: the step overflowed; its values are no longer usable");
    }

    private static boolean allFinite(List<DMatrixRMaj> values) {
        for (int k = 0; k < values.size(); k++) {
            if (!ParallelOps.allFinite(values.get(k))) {
                return false;
            }
        }
        return true;
    }
}
