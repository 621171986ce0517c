package io.github.gradgraph.nn;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.CallSite;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.Matrix;

/**
 * Training steps of a sequence network ({@link Sequence}) over batches of any length: the network is unrolled and
 * its {@link TrainingStep} compiled once per length T, and every length's step updates the same parameters with the
 * same optimizer (whose state follows the parameters' order, the same at every length).
 *
 * <p>Stateful ({@link #setStateful}): the last state a⟨T⟩ (c⟨T⟩) of one step starts the next as a⟨0⟩ (c⟨0⟩) —
 * truncated backpropagation through time, as the classic course and min-char-rnn train: the carried state is a value,
 * not differentiated through. Otherwise every step starts from zeros. Gradients may be clipped elementwise
 * ({@code clipValue}, the course's {@code np.clip}) and by their global norm.
 */
public final class SequenceTrainer {
    private record Unrolled(Network net, TrainingStep step) {
    }

    private final NetworkSpec spec;
    private final LossFunction loss;
    private final Sequence shape;
    private final Optimizer optimizer;
    private final DType dtype;
    /** Where this trainer was made: the call site of every node it builds. */
    private final String site;
    private final Map<Integer, Unrolled> byLength = new HashMap<>();
    private final Map<String, Matrix> feeds = new HashMap<>();
    private final List<DMatrixRMaj> carried = new ArrayList<>();
    private boolean stateful;
    private double clipValue;
    private double clipNorm;
    private int lastSteps = -1;
    private Unrolled last;
    private double lastGradNorm = Double.NaN;

    /**
     * @param spec      layers with at least one recurrent layer (or any per-step network)
     * @param shape     how batches are read; its step count is ignored (each batch brings its own)
     * @param optimizer shared by every length
     */
    public SequenceTrainer(NetworkSpec spec, Sequence shape, Optimizer optimizer, DType dtype) {
        this(spec, spec.loss(), shape, optimizer, dtype);
    }

    /** As {@link #SequenceTrainer(NetworkSpec, Sequence, Optimizer, DType)} with a loss of one's own per step. */
    public SequenceTrainer(NetworkSpec spec, LossFunction loss, Sequence shape, Optimizer optimizer, DType dtype) {
        this.spec = spec;
        this.loss = loss;
        this.shape = shape;
        this.optimizer = optimizer;
        this.dtype = dtype;
        this.site = CallSite.capture();
        unrolled(1); // the layers' own refusals come now, not at the first batch
    }

    private Unrolled unrolled(int steps) {
        if (steps == lastSteps) {
            return last; // no boxing of the length on the steady path
        }
        lastSteps = steps;
        // every node of the unrolled network and its derivation names one call site, found once (a stack walk per
        // node costs more than the rest of compiling a long sequence)
        return last = byLength.computeIfAbsent(steps, t -> CallSite.within(site, () -> {
            Network net = new Network(spec, loss, shape.withSteps(t));
            return new Unrolled(net, new TrainingStep(net, optimizer, dtype));
        }));
    }

    /** @return the network unrolled over {@code steps} steps (compiled and kept for reuse) */
    public Network network(int steps) {
        return unrolled(steps).net();
    }

    /** @return the training step of batches of {@code steps} steps (compiled and kept for reuse) */
    public TrainingStep step(int steps) {
        return unrolled(steps).step();
    }

    /** @return how many lengths have a compiled step */
    public int compiledLengths() {
        return byLength.size();
    }

    /** @return the optimizer every length updates with */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @param on whether the last state of a step starts the next; turning it off forgets the carried state */
    public void setStateful(boolean on) {
        stateful = on;
        if (!on) {
            carried.clear();
        }
    }

    /** @param c clip every gradient element into [−c, c] before the update; 0 for none */
    public void setClipValue(double c) {
        if (!(c >= 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("the clip value must be a finite number ≥ 0, got " + c);
        }
        clipValue = c;
    }

    /** @param c scale the gradients to a global norm of at most c before the update; 0 for none */
    public void setClipNorm(double c) {
        if (!(c >= 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("the clip norm must be a finite number ≥ 0, got " + c);
        }
        clipNorm = c;
    }

    /** @return the state carried to the next step (a⟨0⟩, c⟨0⟩ per recurrent layer), empty before the first */
    public List<DMatrixRMaj> carried() {
        return java.util.Collections.unmodifiableList(carried);
    }

    /** Sets the state the next step starts from (as a resumed run does); copied. */
    public void carry(List<DMatrixRMaj> state) {
        List<Node> inputs = network(1).stateInputs();
        if (state.size() != inputs.size()) {
            throw new IllegalArgumentException("the network carries " + inputs.size() + " states ("
                    + inputs.stream().map(Node::label).toList() + "), given " + state.size());
        }
        for (int i = 0; i < state.size(); i++) {
            if (state.get(i).numRows != inputs.get(i).shape().rows().size()) {
                throw new IllegalArgumentException("state " + inputs.get(i).label() + " has "
                        + inputs.get(i).shape().rows().size() + " rows, given " + state.get(i).numRows);
            }
        }
        carried.clear();
        state.forEach(s -> carried.add(s.copy()));
    }

    /**
     * One optimizer step on one batch.
     *
     * @param x token ids T × m (or features (T·n_x) × m); not modified
     * @param y targets of the same layout; not modified
     * @return J of the batch before the update
     * @throws TrainingException when J or a gradient is not finite (the parameters are then left as they were)
     */
    public double train(ParameterStore store, DMatrixRMaj x, DMatrixRMaj y) {
        int perStep = shape.tokens() ? 1 : spec.input().size();
        if (x.numRows % perStep != 0 || x.numRows == 0) {
            throw new IllegalArgumentException("X has " + x.numRows + " rows, not a whole number of steps of "
                    + perStep);
        }
        Unrolled u = unrolled(x.numRows / perStep);
        int m = x.numCols;
        feeds.put("X", x); // the same keys at every step: put replaces, allocating nothing
        feeds.put("Y", y);
        List<Node> inputs = u.net().stateInputs();
        boolean carry = stateful && carried.size() == inputs.size() && !carried.isEmpty()
                && carried.get(0).numCols == m;
        for (int i = 0; i < inputs.size(); i++) {
            Node s = inputs.get(i);
            feeds.put(s.label(), carry ? carried.get(i) : zeros(s.shape().rows().size(), m));
        }
        Values v = u.step().run(feeds, store, Checks.SHAPES, clipNorm, clipValue, 0L);
        lastGradNorm = u.step().lastGradNorm();
        if (stateful) {
            List<Node> finals = u.step().finalStates();
            if (!carry) { // the first step, or a batch of another width: buffers of this one
                carried.clear();
                for (Node f : finals) {
                    carried.add(new DMatrixRMaj(f.shape().rows().size(), m));
                }
            }
            for (int i = 0; i < finals.size(); i++) {
                carried.get(i).setTo(v.get(finals.get(i)));
            }
        }
        return u.step().loss(v);
    }

    /** @return the global norm of the last step's gradients before clipping, NaN before the first */
    public double lastGradNorm() {
        return lastGradNorm;
    }

    /** Zero states, read only: one per shape, the last one kept at hand. */
    private final Map<Long, DMatrixRMaj> zeros = new HashMap<>();
    private DMatrixRMaj lastZeros;

    private DMatrixRMaj zeros(int rows, int cols) {
        if (lastZeros != null && lastZeros.numRows == rows && lastZeros.numCols == cols) {
            return lastZeros;
        }
        return lastZeros = zeros.computeIfAbsent(((long) rows << 32) | cols, k -> new DMatrixRMaj(rows, cols));
    }
}
