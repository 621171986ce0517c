package io.github.gradgraph.graph.autodiff;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.graph.Input;
import io.github.gradgraph.graph.Parameter;
import io.github.gradgraph.graph.Leaf;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Ops;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode automatic differentiation that builds gradient <em>nodes</em>: {@code gradients(J, W1, b1)} returns
 * ∂J/∂W1 and ∂J/∂b1 as nodes of J's graph, which can be compiled, printed, rewritten and differentiated again.
 *
 * <p>The engine, not the primitives, owns: walking only the nodes between J and the requested variables; summing
 * the contributions of a node that feeds several consumers; summing a broadcast operand's gradient back to its
 * shape (db[l] = Σ over the columns of ∂J/∂Z[l]); stopping at stop-gradient nodes; and an explicit zero node for a
 * variable J does not depend on.
 */
public final class Autodiff {
    private Autodiff() {
    }

    /**
     * ∂J/∂x for each requested variable, as nodes.
     *
     * @param j   a 1×1 node
     * @param wrt nodes of J's graph: parameters, inputs or intermediate nodes
     * @return one node per variable, of that variable's shape; never null
     * @throws GraphException when J is not 1×1, a variable is null or in another graph, or a rule fails
     */
    public static List<Node> gradients(Node j, Node... wrt) {
        return gradients(j, Arrays.asList(wrt));
    }

    /** @return ∂J/∂x as a node of x's shape */
    public static Node gradient(Node j, Node x) {
        return gradients(j, List.of(x)).get(0);
    }

    /**
     * ∂J/∂x for each requested variable, as nodes.
     *
     * @param j   a 1×1 node
     * @param wrt nodes of J's graph
     * @return one node per variable, in order; the gradient of an input or parameter x is named d + x's name (dW1)
     */
    public static List<Node> gradients(Node j, List<Node> wrt) {
        Map<Node, Node> all = gradientMap(j, wrt);
        List<Node> result = new ArrayList<>(wrt.size());
        Map<Node, Node> named = new java.util.IdentityHashMap<>();
        for (Node x : wrt) {
            result.add(named.computeIfAbsent(x, v -> {
                Node g = all.get(v);
                g = g != null ? g : Ops.fill(j.graph(), v.shape(), 0.0);
                boolean leafVariable = v.op() instanceof Input || v.op() instanceof Parameter;
                // ∂J/∂W1 reads as dW1 in messages and drawings, as in the course
                return leafVariable && g.name() == null && !(g.op() instanceof Leaf) ? g.named("d" + v.label()) : g;
            }));
        }
        return result;
    }

    /**
     * ∂J/∂n for every node n on a path from a requested variable to J, as nodes: the variables' gradients and those
     * of every intermediate the walk went through (∂J/∂Z[l], ∂J/∂A[l], …), for printing derivations.
     *
     * @param j   a 1×1 node
     * @param wrt nodes of J's graph
     * @return forward node → gradient node, in reverse walk order; variables J does not depend on are absent
     */
    public static Map<Node, Node> gradientMap(Node j, List<Node> wrt) {
        if (j == null || wrt == null) {
            throw new GraphException("gradients: " + (j == null ? "J" : "the list of variables") + " is null");
        }
        if (!j.shape().isScalar()) {
            throw new GraphException("gradients need a scalar J (1×1), but " + j.describe()
                    + " is not; reduce it first, e.g. with sum or mean (J made at " + j.site() + ")");
        }
        Graph g = j.graph();
        for (int i = 0; i < wrt.size(); i++) {
            Node x = wrt.get(i);
            if (x == null) {
                throw new GraphException("gradients: variable " + (i + 1) + " is null");
            }
            if (x.graph() != g) {
                throw new GraphException("gradients: variable " + x.describe() + " belongs to another graph than J "
                        + j.describe());
            }
        }
        boolean[] relevant = between(g, j, wrt);
        Contributions acc = new Contributions(j.id() + 1);
        acc.add(j, Ops.fill(g, Shape.SCALAR, 1.0));
        for (int id = j.id(); id >= 0; id--) {
            Node node = g.nodes().get(id);
            if (!relevant[id] || node.inputs().isEmpty() || !acc.has(node)) {
                continue;
            }
            propagate(node, acc.total(node), relevant, acc);
        }
        Map<Node, Node> result = new LinkedHashMap<>();
        for (int id = j.id(); id >= 0; id--) {
            Node node = g.nodes().get(id);
            if (relevant[id] && acc.has(node)) {
                result.put(node, acc.total(node));
            }
        }
        return result;
    }

    private static void propagate(Node node, Node grad, boolean[] relevant, Contributions acc) {
        Node[] parts;
        try {
            parts = node.op().vjp(node, grad);
        } catch (UnsupportedOperationException e) {
            throw new GraphException("no gradient rule for " + node.op().name() + " at " + node.describe()
                    + " (made at " + node.site() + ")", e);
        }
        if (parts == null || parts.length != node.inputs().size()) {
            throw new GraphException("the gradient rule of " + node.op().name() + " returned "
                    + (parts == null ? "nothing" : parts.length + " gradients") + " for " + node.inputs().size()
                    + " operands at " + node.describe());
        }
        for (int i = 0; i < parts.length; i++) {
            Node in = node.input(i);
            if (parts[i] != null && relevant[in.id()]) {
                acc.add(in, BroadcastReduction.sumTo(parts[i], in.shape(), node));
            }
        }
    }

    /** @return per node id: on some path from a variable to J (inclusive) */
    private static boolean[] between(Graph g, Node j, List<Node> wrt) {
        int n = j.id() + 1;
        boolean[] fromWrt = new boolean[n];
        for (Node x : wrt) {
            if (x.id() < n) {
                fromWrt[x.id()] = true;
            }
        }
        for (int id = 0; id < n; id++) {
            if (!fromWrt[id]) {
                for (Node in : g.nodes().get(id).inputs()) {
                    if (fromWrt[in.id()]) {
                        fromWrt[id] = true;
                        break;
                    }
                }
            }
        }
        boolean[] toJ = new boolean[n];
        toJ[j.id()] = true;
        for (int id = n - 1; id >= 0; id--) {
            if (toJ[id]) {
                for (Node in : g.nodes().get(id).inputs()) {
                    toJ[in.id()] = true;
                }
            }
        }
        for (int id = 0; id < n; id++) {
            fromWrt[id] &= toJ[id];
        }
        return fromWrt;
    }
}
