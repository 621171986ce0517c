package io.github.gradgraph.graph.exec;

import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.graph.GraphValidator;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.exec.fusion.Fuser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the nodes a user wants into a {@link Program}: the topological order of only the nodes those outputs need,
 * validated, as a flat array of steps. By default the standard fusions apply ({@link Fuser#standard()}: the bias add
 * and a scalar factor into the GEMM, activation derivative ⊙ upstream gradient in one pass), each computing the same
 * values as the unfused nodes up to rounding; {@link #compileUnfused} runs every node as its own step, and
 * {@code -Dgradgraph.fusion=false} turns fusion off everywhere.
 */
public final class Compiler {
    private static final boolean FUSE = !"false".equalsIgnoreCase(System.getProperty("gradgraph.fusion"));

    private Compiler() {
    }

    /** @return a program computing {@code outputs} */
    public static Program compile(Node... outputs) {
        return compile(Arrays.asList(outputs));
    }

    /**
     * Compiles a program.
     *
     * @param outputs nodes of one graph, at least one
     * @return the program, reusable across runs and batch sizes
     * @throws GraphException when no output is given, one is null, or they span several graphs
     */
    public static Program compile(List<Node> outputs) {
        return compile(outputs, FUSE ? Fuser.standard() : Fuser.none());
    }

    /**
     * Compiles a program in which every node is a step of its own: the reference the fused programs are checked
     * against.
     *
     * @see #compile(List)
     */
    public static Program compileUnfused(List<Node> outputs) {
        return compile(outputs, Fuser.none());
    }

    private static Program compile(List<Node> outputs, Fuser fuser) {
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
        return new Program(graph, order, fuser.plan(order, outputs), outputs);
    }
}
