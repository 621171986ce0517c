package io.github.gradgraph.graph.exec;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.Constant;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.core.ParallelOps;
import io.github.gradgraph.core.ParallelPrecision;
import io.github.gradgraph.graph.Input;
import io.github.gradgraph.graph.NonFiniteException;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Parameter;
import io.github.gradgraph.graph.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.data.Matrix;

/**
 * A compiled, reusable computation: a flat array of steps in topological order, each a node whose operands are
 * earlier steps. Buffers are planned and allocated once per batch size (see {@link BufferPlan}) and reused, so a
 * repeated run at one batch size allocates nothing but what the kernels themselves need.
 *
 * <p>A program computes in the {@link DType} it was compiled for ({@link #dtype()}). Feeds, parameter values and
 * {@link Values#get} are float64 in both: a float32 program rounds its feeds and parameters into float32 buffers at
 * the start of each run and widens its outputs at the end, so the same caller code runs either. A float32 program
 * also takes feeds already in float32 ({@link FMatrixRMaj}), read in place: data kept in float32 is not rounded
 * again every run.
 *
 * <p>Not thread-safe: a program owns its buffers, and {@link Values} returned by a run are views of them, valid
 * until the next run.
 */
public final class Program {
    private static final int CACHED_BATCH_SIZES = 4;

    private final Graph graph;
    private final List<Node> order;
    private final Node[] steps;
    private final Kernel[] kernels;
    private final Kernel32[] kernels32;
    private final DType dtype;
    private final List<String> fusions;
    private final int[][] args;
    private final Map<Node, Integer> outputIndex = new IdentityHashMap<>();
    private final List<Node> outputs;
    private final boolean[] isOutput;
    private final FeedValidator validator;
    private int lastBatch = -1;
    private BufferPlan lastPlan;
    private final Map<Integer, BufferPlan> plans = cache();
    private int lastBatch32 = -1;
    private Float32Plan lastPlan32;
    private final Map<Integer, Float32Plan> plans32 = cache();

    Program(Graph graph, List<Node> order, List<Step> plan, List<Node> outputs, List<Node> requested, DType dtype) {
        this.graph = graph;
        this.dtype = dtype;
        this.order = List.copyOf(order);
        this.steps = new Node[plan.size()];
        this.kernels = new Kernel[plan.size()];
        this.kernels32 = new Kernel32[plan.size()];
        this.outputs = List.copyOf(requested);
        Map<Node, Integer> index = new IdentityHashMap<>();
        List<String> fused = new ArrayList<>();
        args = new int[steps.length][];
        for (int i = 0; i < steps.length; i++) {
            Step step = plan.get(i);
            steps[i] = step.node();
            kernels[i] = step.kernel();
            kernels32[i] = step.kernel32() != null ? step.kernel32() : new WidenedKernel(step.kernel());
            index.put(steps[i], i);
            List<Node> in = step.args();
            args[i] = new int[in.size()];
            for (int k = 0; k < in.size(); k++) {
                args[i][k] = index.get(in.get(k));
            }
            if (step.fusion() != null) {
                fused.add(step.fusion());
            }
        }
        this.fusions = List.copyOf(fused);
        isOutput = new boolean[steps.length];
        for (int k = 0; k < outputs.size(); k++) {
            int i = index.get(outputs.get(k));
            outputIndex.put(outputs.get(k), i);
            outputIndex.put(requested.get(k), i); // a rewritten output is read by the node that was asked for
            isOutput[i] = true;
        }
        validator = new FeedValidator(graph, order);
    }

    private static <P> Map<Integer, P> cache() {
        return new LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, P> eldest) {
                return size() > CACHED_BATCH_SIZES;
            }
        };
    }

    /** @return the number type this program computes in */
    public DType dtype() {
        return dtype;
    }

    /** @return the graph this program runs */
    public Graph graph() {
        return graph;
    }

    /**
     * @return every node the outputs need, in topological order; unmodifiable. Fused steps compute some of them
     *     inside one kernel, without a buffer or pass of their own (see {@link #fusions()}).
     */
    public List<Node> steps() {
        return order;
    }

    /** @return the name of the fusion rule behind each fused step, in step order (empty when nothing was fused) */
    public List<String> fusions() {
        return fusions;
    }

    /** @return the number of steps a run executes, leaves included */
    public int stepCount() {
        return steps.length;
    }

    /** @return the requested outputs, in order (as asked for, before any rewrite) */
    public List<Node> outputs() {
        return outputs;
    }

    /**
     * Runs the program on feeds alone (a graph without parameters).
     *
     * @see #run(Map, ParameterStore)
     */
    public Values run(Map<String, ? extends Matrix> feeds) {
        return run(feeds, new ParameterStore());
    }

    /**
     * Runs the program. Every feed and parameter value is validated first — missing, unknown, wrong shape,
     * non-finite — and on any fault a {@link io.github.gradgraph.graph.FeedException} is thrown before anything is
     * computed; every output is checked after, and a NaN or ∞ is a {@link NonFiniteException} naming the node where
     * it started (see {@link Checks} to skip either scan). Neither the feeds nor the store are modified.
     *
     * @param feeds  input values by input name ({@link DMatrixRMaj}, or for a float32 program also
     *               {@link FMatrixRMaj}); not modified
     * @param params parameter values; not modified
     * @return the outputs' values, views valid until the next run of this program
     */
    public Values run(Map<String, ? extends Matrix> feeds, ParameterStore params) {
        return run(feeds, params, Checks.FULL);
    }

    /**
     * Runs the program with the given level of validation; see {@link Checks}.
     *
     * @param feeds  input values by input name ({@link DMatrixRMaj}, or for a float32 program also
     *               {@link FMatrixRMaj}); not modified
     * @param params parameter values; not modified
     * @param checks {@link Checks#FULL}, or {@link Checks#SHAPES} for values known to be finite
     * @return the outputs' values, views valid until the next run of this program
     */
    public Values run(Map<String, ? extends Matrix> feeds, ParameterStore params, Checks checks) {
        Map<String, ? extends Matrix> given = feeds == null ? Collections.emptyMap() : feeds;
        int m = validator.validate(given, params, checks == Checks.FULL, dtype == DType.F32);
        if (dtype == DType.F32) {
            Float32Plan plan = planFor32(m);
            plan.bind(steps, given, params, checks == Checks.FULL);
            plan.compute(steps, args, kernels32, isOutput, given, params);
            if (checks != Checks.NONE) {
                checkOutputs(plan.wide(), plan.slots(), given, params);
            }
            return plan.values(this);
        }
        BufferPlan plan = planFor(m);
        DMatrixRMaj[] slots = plan.slots();
        for (int i = 0; i < steps.length; i++) {
            Node node = steps[i];
            if (node.op() instanceof Input) {
                slots[i] = (DMatrixRMaj) given.get(((Input) node.op()).label()); // the validator checked the type
            } else if (node.op() instanceof Parameter) {
                slots[i] = params.get(((Parameter) node.op()).label());
            } else if (node.op() instanceof Constant) {
                slots[i] = ((Constant) node.op()).view();
            } else {
                DMatrixRMaj[] in = plan.arguments(i);
                for (int k = 0; k < in.length; k++) {
                    in[k] = slots[args[i][k]];
                }
                try {
                    kernels[i].run(in, slots[i]);
                } catch (RuntimeException e) {
                    throw new GraphException("computing " + node.describe() + " (made at " + node.site()
                            + ") failed: " + e.getMessage(), e);
                }
            }
        }
        if (checks != Checks.NONE) {
            checkOutputs(slots, null, given, params);
        }
        return plan.values(this);
    }

    /**
     * Throws naming the first non-finite output and the node where its non-finite value started. A float32 program's
     * computed outputs are scanned in float ({@code floats}; half the bytes), its leaves in their float64 values.
     */
    private void checkOutputs(DMatrixRMaj[] slots, FMatrixRMaj[] floats, Map<String, ? extends Matrix> feeds,
            ParameterStore params) {
        for (int k = 0; k < outputs.size(); k++) {
            int at = outputIndex.get(outputs.get(k));
            DMatrixRMaj v = slots[at];
            boolean finite = floats != null && !BufferLayout.isLeaf(steps[at])
                    ? ParallelPrecision.allFinite(floats[at]) : ParallelOps.allFinite(v);
            if (!finite) {
                int i = io.github.gradgraph.core.Finite.first(v);
                Node computed = steps[outputIndex.get(outputs.get(k))];
                String culprit = NonFiniteLocator.firstNonFinite(computed, Feeds.widened(feeds), params, dtype)
                        .orElse("none found");
                throw new NonFiniteException(outputs.get(k).describe() + " is not finite (" + v.data[i] + " at row "
                        + i / v.numCols + ", column " + i % v.numCols + "); first node not finite: " + culprit);
            }
        }
    }

    private BufferPlan planFor(int m) {
        if (m != lastBatch) {
            lastPlan = plans.computeIfAbsent(m, size -> new BufferPlan(steps, args, isOutput, size));
            lastBatch = m;
        }
        return lastPlan;
    }

    private Float32Plan planFor32(int m) {
        if (m != lastBatch32) {
            lastPlan32 = plans32.computeIfAbsent(m, size -> new Float32Plan(steps, args, isOutput, size));
            lastBatch32 = m;
        }
        return lastPlan32;
    }

    /**
     * @return the bytes of buffer storage this program holds for batch size {@code m} (planned if needed): a float32
     *     program's float buffers, its feeds' and parameters' float copies and its outputs' float64 copies
     */
    public long bufferBytes(int m) {
        return dtype == DType.F32 ? planFor32(m).bytes() : planFor(m).bytes();
    }

    int indexOf(Node output) {
        if (output == null) {
            throw new GraphException("Values.get: the node is null");
        }
        Integer i = outputIndex.get(output);
        if (i == null) {
            throw new GraphException(output.describe() + " is not an output of this program; compile it with "
                    + "the outputs you want to read");
        }
        return i;
    }
}
