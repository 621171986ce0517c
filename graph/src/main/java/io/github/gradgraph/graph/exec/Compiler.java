package io.github.gradgraph.graph.exec;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.graph.GraphValidator;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.exec.fusion.Fuser;
import io.github.gradgraph.graph.rewrite.Rewriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the nodes a user wants into a {@link Program}: the topological order of only the nodes those outputs need,
 * validated, as a flat array of steps.
 *
 * <p>{@link #compile} first applies the standard rewrites ({@link Rewriter#standard()}): simplification, transposed
 * matrix products, and the stabilization rules that turn {@code log(σ(z))} into {@code −softplus(−z)},
 * {@code log(1 − σ(z))} into {@code −softplus(z)} and softmax cross-entropy into its log-sum-exp form — so a loss
 * written as in a textbook stays finite where it would overflow to NaN. Values are those of the graph as written,
 * up to rounding, wherever the graph as written is finite. {@link Program#outputs()} and {@link Values#get} still take
 * the nodes you asked for. Then the standard fusions apply ({@link Fuser#standard()}: the bias add and a scalar
 * factor into the GEMM, activation derivative ⊙ upstream gradient in one pass).
 *
 * <p>Every form compiles for float64 unless given a {@link DType}: {@code compile(outputs, DType.F32)} runs the same
 * graph, rewritten and fused the same way, in float32 — every primitive's float kernel, sgemm, half the buffer
 * memory — while parameters and {@link Values#get} stay float64 and feeds may be either (see {@link Program}).
 * Gradient checks compile their own float64 programs.
 *
 * <p>Opt-outs: {@link #compileAsWritten} runs the graph exactly as built (fused, not rewritten), for inspecting it or
 * checking it; {@link #compileUnfused} also runs every node as its own step (the reference the fused programs are
 * checked against); {@code -Dgradgraph.rewrites=false} and {@code -Dgradgraph.fusion=false} turn either off
 * everywhere.
 */
public final class Compiler {
    private static final boolean FUSE = !"false".equalsIgnoreCase(System.getProperty("gradgraph.fusion"));
    private static final boolean REWRITE = !"false".equalsIgnoreCase(System.getProperty("gradgraph.rewrites"));

    private Compiler() {
    }

    /** @return a program computing {@code outputs} */
    public static Program compile(Node... outputs) {
        return compile(Arrays.asList(outputs));
    }

    /** @return a program computing {@code outputs} in {@code dtype} */
    public static Program compile(DType dtype, Node... outputs) {
        return compile(Arrays.asList(outputs), dtype);
    }

    /**
     * Compiles a program.
     *
     * @param outputs nodes of one graph, at least one
     * @return the program, reusable across runs and batch sizes
     * @throws GraphException when no output is given, one is null, or they span several graphs
     */
    public static Program compile(List<Node> outputs) {
        return compile(outputs, DType.F64);
    }

    /**
     * Compiles a program computing in {@code dtype}.
     *
     * @param outputs nodes of one graph, at least one
     * @param dtype   the number type, not null
     * @return the program, reusable across runs and batch sizes
     * @throws GraphException when no output is given, one is null, they span several graphs, or dtype is null
     */
    public static Program compile(List<Node> outputs, DType dtype) {
        checkOutputs(outputs);
        if (!REWRITE) {
            return compileAsWritten(outputs, dtype);
        }
        List<Node> rewritten = Rewriter.standard().rewrite(outputs).outputs();
        return compile(rewritten, outputs, FUSE ? Fuser.standard() : Fuser.none(), dtype);
    }

    /** @return a program computing {@code outputs} exactly as the graph is built: fused, not rewritten */
    public static Program compileAsWritten(Node... outputs) {
        return compileAsWritten(Arrays.asList(outputs));
    }

    /**
     * Compiles the graph exactly as built, without the standard rewrites; fusion still applies.
     *
     * @see #compile(List)
     */
    public static Program compileAsWritten(List<Node> outputs) {
        return compileAsWritten(outputs, DType.F64);
    }

    /** As {@link #compileAsWritten(List)}, computing in {@code dtype}. */
    public static Program compileAsWritten(List<Node> outputs, DType dtype) {
        return compile(outputs, outputs, FUSE ? Fuser.standard() : Fuser.none(), dtype);
    }

    /**
     * Compiles a program in which every node is a step of its own: the reference the fused programs are checked
     * against.
     *
     * @see #compile(List)
     */
    public static Program compileUnfused(List<Node> outputs) {
        return compileUnfused(outputs, DType.F64);
    }

    /** As {@link #compileUnfused(List)}, computing in {@code dtype}. */
    public static Program compileUnfused(List<Node> outputs, DType dtype) {
        return compile(outputs, outputs, Fuser.none(), dtype);
    }

    /**
     * @param outputs   the nodes to compute
     * @param requested the nodes the caller asked for, one per output (the same, or their originals before a rewrite)
     */
    private static Program compile(List<Node> outputs, List<Node> requested, Fuser fuser, DType dtype) {
        checkOutputs(outputs);
        if (dtype == null) {
            throw new GraphException("compile: the dtype is null (DType.F64 or DType.F32)");
        }
        Graph graph = outputs.get(0).graph();
        int max = outputs.stream().mapToInt(Node::id).max().orElseThrow();
        boolean[] needed = new boolean[max + 1];
        for (Node out : outputs) {
            needed[out.id()] = true;
        }
        for (int id = max; id >= 0; id--) {
            if (needed[id]) {
                for (Node in : graph.nodes().get(id).inputs()) {
                    needed[in.id()] = true;
                }
            }
        }
        List<Node> order = new ArrayList<>();
        for (int id = 0; id <= max; id++) {
            if (needed[id]) {
                order.add(graph.nodes().get(id));
            }
        }
        GraphValidator.validate(order);
        GrowthGuard.compiled(graph);
        return new Program(graph, order, fuser.plan(order, outputs), outputs, requested, dtype);
    }

    private static void checkOutputs(List<Node> outputs) {
        if (outputs == null || outputs.isEmpty()) {
            throw new GraphException("compile needs at least one output node");
        }
        Graph graph = null;
        for (int i = 0; i < outputs.size(); i++) {
            Node out = outputs.get(i);
            if (out == null) {
                throw new GraphException("compile: output " + (i + 1) + " is null");
            }
            if (graph != null && out.graph() != graph) {
                throw new GraphException("compile: output " + out.describe() + " belongs to another graph than "
                        + outputs.get(0).describe());
            }
            graph = out.graph();
        }
    }
}
