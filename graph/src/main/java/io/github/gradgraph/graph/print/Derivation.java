package io.github.gradgraph.graph.print;

import io.github.gradgraph.graph.Ancestors;
import io.github.gradgraph.graph.Input;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Parameter;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.ops.Div;
import io.github.gradgraph.graph.ops.Size;
import io.github.gradgraph.graph.rewrite.RewriteReport;
import io.github.gradgraph.graph.rewrite.Rewriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The forward equations of a graph and the gradient equations gradgraph derives for it, simplified by the standard
 * rewrites and printed in the course's notation: named nodes print by name (W1 as W[1]); the gradient of a named node
 * N is dN; equations appear only for what the requested gradients need.
 *
 * <p>As in the seed, dZ[l] and dA[l] of the intermediate, per-sample nodes are derivatives of the per-sample loss,
 * so that ∂J/∂Z[l] = (1/m)·dZ[l] when J is a mean over the m samples; the requested gradients (dW[l], db[l], or any
 * variable asked for) are exactly ∂J/∂x.
 */
public final class Derivation {
    /**
     * One printed equation.
     *
     * @param lhs      the raw name on the left, such as {@code Z1} or {@code dW1}
     * @param rhs      the node whose expression is printed on the right
     * @param gradient true for a derived equation
     */
    public record Equation(String lhs, Node rhs, boolean gradient) {
    }

    private final List<Equation> equations = new ArrayList<>();
    private final Map<Node, String> names = new IdentityHashMap<>();
    private final RewriteReport report;
    private final Node loss;
    private final List<Node> gradients = new ArrayList<>();
    private final List<Node> extraOutputs;

    private Derivation(Node j, List<Node> wrt, Map<Node, String> aliases) {
        Rewriter.Session session = Rewriter.standard().session();
        List<Node> roots = new ArrayList<>();
        roots.add(j);
        roots.addAll(namedOutputs(j));
        Rewriter.Result forward = session.rewrite(roots);
        loss = forward.outputs().get(0);
        extraOutputs = forward.outputs().subList(1, forward.outputs().size());
        Map<Node, String> forwardNames = new IdentityHashMap<>();
        forward.mapping().forEach((old, now) -> {
            String name = aliases.getOrDefault(old, old.name());
            if (name != null && !(now.op() instanceof Input || now.op() instanceof Parameter)) {
                forwardNames.putIfAbsent(now, name);
            }
        });
        aliases.forEach((node, name) -> names.put(node, name));
        forwardNames.forEach(names::putIfAbsent);
        List<Node> vars = wrt.stream().map(forward::map).collect(Collectors.toList());
        Map<Node, Node> raw = Autodiff.gradientMap(loss, vars);
        Rewriter.Result backward = session.rewrite(new ArrayList<>(raw.values()));
        report = backward.report();

        Map<Node, Node> gradOf = new LinkedHashMap<>();
        raw.forEach((f, g) -> gradOf.put(f, backward.map(g)));
        for (Node v : vars) {
            Node g = gradOf.get(v);
            gradients.add(g != null ? g : Autodiff.gradient(loss, v));
        }
        Map<Node, String> gradNames = new IdentityHashMap<>();
        Map<Node, Node> gradTargets = new LinkedHashMap<>();
        gradOf.forEach((f, g) -> {
            String name = displayName(f);
            if (name == null || f == loss) {
                return;
            }
            boolean requested = vars.contains(f);
            Node target = !requested && f.shape().cols().isSymbolic() && isOverBatch(g) ? g.input(0) : g;
            if (!gradNames.containsKey(target)) {
                gradNames.put(target, "d" + name);
                gradTargets.put(f, target);
            }
        });
        for (int i = 0; i < vars.size(); i++) {
            gradNames.putIfAbsent(gradients.get(i), "d" + displayName(vars.get(i)));
        }
        forwardEquations();
        gradientEquations(vars, gradNames, gradTargets);
        gradNames.forEach(names::putIfAbsent);
    }

    /**
     * Derives and simplifies.
     *
     * @param j       the 1×1 loss
     * @param wrt     the variables whose gradients to print
     * @param aliases display names that override node names (e.g. X → A0, printed A[0]); may be empty
     */
    public static Derivation of(Node j, List<Node> wrt, Map<Node, String> aliases) {
        return new Derivation(j, wrt, aliases);
    }

    /** @return the equations, forward first, then derived */
    public List<Equation> equations() {
        return List.copyOf(equations);
    }

    /** @return the simplified gradient nodes, in the order of the variables */
    public List<Node> gradients() {
        return List.copyOf(gradients);
    }

    /** @return the rewritten loss */
    public Node loss() {
        return loss;
    }

    /** @return the rewrite rules that fired, on the loss and on its gradients */
    public RewriteReport report() {
        return report;
    }

    /** @return one equation per line, a blank line between the forward and the derived ones */
    public String format(Notation notation) {
        ExpressionPrinter printer = new ExpressionPrinter(notation, n -> {
            String name = names.get(n);
            return name == null ? null : notation.name(name);
        });
        StringBuilder sb = new StringBuilder();
        boolean inGradients = false;
        for (Equation e : equations) {
            if (e.gradient() && !inGradients) {
                sb.append(notation == Notation.LATEX ? "\\\\\n" : "\n");
                inGradients = true;
            }
            sb.append(notation.name(e.lhs())).append(" = ").append(printer.expand(e.rhs()))
                    .append(notation == Notation.LATEX ? " \\\\\n" : "\n");
        }
        return sb.toString();
    }

    private String displayName(Node f) {
        String name = names.get(f);
        return name != null ? name : f.op() instanceof Input || f.op() instanceof Parameter ? f.label() : null;
    }

    private static boolean isOverBatch(Node g) {
        return g.op() instanceof Div && g.input(1).op() instanceof Size && ExpressionPrinter.isBatch(g.input(1));
    }

    private void forwardEquations() {
        List<Node> named = new ArrayList<>();
        Set<Node> forwardNodes = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        forwardNodes.addAll(ancestors(List.of(loss)));
        forwardNodes.addAll(ancestors(extraOutputs));
        for (Node n : forwardNodes) {
            if (names.containsKey(n) && !n.inputs().isEmpty() && n != loss) {
                named.add(n);
            }
        }
        named.sort(Comparator.comparingInt(Node::id));
        for (Node n : named) {
            equations.add(new Equation(names.get(n), n, false));
        }
        equations.add(new Equation(names.getOrDefault(loss, "J"), loss, false));
        names.putIfAbsent(loss, "J");
    }

    private void gradientEquations(List<Node> vars, Map<Node, String> gradNames, Map<Node, Node> targets) {
        // Which named gradients the requested ones need, through other named gradients.
        Set<Node> needed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node n : ancestors(gradients)) {
            if (gradNames.containsKey(n)) {
                needed.add(n);
            }
        }
        // Order as the course does: layer by layer from the output, dZ then dW, db, then dA of the layer below.
        Map<Node, Integer> key = new HashMap<>();
        List<Node> namedForward = new ArrayList<>(targets.keySet());
        namedForward.sort(Comparator.comparingInt(Node::id));
        for (Node f : namedForward) {
            if (f.inputs().isEmpty()) {
                continue;
            }
            key.put(f, f.id());
            for (Node a : ancestors(List.of(f))) {
                if (a.inputs().isEmpty()) {
                    key.putIfAbsent(a, f.id());
                }
            }
        }
        List<Node> order = new ArrayList<>(targets.keySet());
        order.removeIf(f -> !needed.contains(targets.get(f)));
        order.sort(Comparator.<Node>comparingInt(f -> -key.getOrDefault(f, Integer.MAX_VALUE))
                .thenComparingInt(f -> f.inputs().isEmpty() ? 1 : 0).thenComparingInt(Node::id));
        for (Node f : order) {
            Node target = targets.get(f);
            equations.add(new Equation(gradNames.get(target), target, true));
        }
        for (int i = 0; i < vars.size(); i++) {
            Node g = gradients.get(i);
            boolean printed = equations.stream().anyMatch(e -> e.gradient() && e.rhs() == g);
            if (!printed) {
                equations.add(new Equation("d" + displayName(vars.get(i)), g, true));
            }
        }
    }

    private static List<Node> ancestors(List<Node> roots) {
        return Ancestors.of(roots);
    }

    /**
     * Named nodes computed from J's ancestors that J itself does not use, such as the network output A[L] = σ(Z[L])
     * when J is computed from the logits Z[L]: shown as forward equations, and recognised in the gradients.
     */
    private static List<Node> namedOutputs(Node j) {
        Set<Node> known = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        known.addAll(ancestors(List.of(j)));
        List<Node> extra = new ArrayList<>();
        for (Node n : j.graph().nodes()) {
            if (!known.contains(n) && n.name() != null && !n.inputs().isEmpty()
                    && n.inputs().stream().allMatch(known::contains)) {
                known.add(n);
                extra.add(n);
            }
        }
        return extra;
    }
}
