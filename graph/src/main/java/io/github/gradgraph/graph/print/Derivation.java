package io.github.gradgraph.graph.print;

import io.github.gradgraph.graph.Ancestors;
import io.github.gradgraph.graph.Input;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Parameter;
import io.github.gradgraph.graph.autodiff.Autodiff;
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
     * @param of       for a derived equation, the node N whose gradient dN it is (a variable, or a named node, in
     *                 the rewritten graph); for a forward equation, null
     */
    public record Equation(String lhs, Node rhs, boolean gradient, Node of) {
    }

    private final List<Equation> equations = new ArrayList<>();
    private final Map<Node, String> names = new IdentityHashMap<>();
    private final RewriteReport report;
    private final Node loss;
    private final List<Node> gradients = new ArrayList<>();
    private final List<Node> extraOutputs;
    private final Map<Node, Symbol> symbols = new LinkedHashMap<>();
    private final List<Node> variables = new ArrayList<>();

    private final Set<Node> oneHot;

    private Derivation(Node j, List<Node> wrt, Map<Node, String> aliases, Set<Node> oneHotLabels) {
        this.oneHot = Set.copyOf(oneHotLabels);
        Rewriter.Session session = Rewriter.standard().session();
        List<Node> roots = new ArrayList<>();
        roots.add(j);
        roots.addAll(namedOutputs(j));
        Rewriter.Result forward = session.rewrite(roots);
        loss = forward.outputs().get(0);
        extraOutputs = forward.outputs().subList(1, forward.outputs().size());
        Map<Node, String> forwardNames = new IdentityHashMap<>();
        Map<Node, Integer> namedBy = new IdentityHashMap<>();
        forward.mapping().forEach((old, now) -> {
            String name = aliases.getOrDefault(old, old.name());
            // Where a rewrite merges named nodes (A[l] = identity(Z[l]) is Z[l]), the one made last names it: A[l]
            if (name != null && !(now.op() instanceof Input || now.op() instanceof Parameter)
                    && old.id() > namedBy.getOrDefault(now, -1)) {
                forwardNames.put(now, name);
                namedBy.put(now, old.id());
            }
        });
        aliases.forEach((node, name) -> names.put(node, name));
        forwardNames.forEach(names::putIfAbsent);
        List<Node> vars = wrt.stream().map(forward::map).collect(Collectors.toList());
        variables.addAll(vars);
        Map<Node, Node> raw = Autodiff.gradientMap(loss, vars);
        Rewriter.Result backward = session.rewrite(new ArrayList<>(raw.values()));
        report = backward.report();

        Map<Node, Node> gradOf = new LinkedHashMap<>();
        raw.forEach((f, g) -> gradOf.put(f, backward.map(g)));
        for (Node v : vars) {
            Node g = gradOf.get(v);
            gradients.add(g != null ? g : Autodiff.gradient(loss, v));
        }
        forwardEquations();
        gradientEquations(vars, raw, session);
    }

    /**
     * Derives and simplifies.
     *
     * @param j       the 1×1 loss
     * @param wrt     the variables whose gradients to print
     * @param aliases display names that override node names (e.g. X → A0, printed A[0]); may be empty
     */
    public static Derivation of(Node j, List<Node> wrt, Map<Node, String> aliases) {
        return new Derivation(j, wrt, aliases, Set.of());
    }

    /**
     * As {@link #of(Node, List, Map)}, for labels known to be one-hot (each column sums to 1, as a softmax network's
     * are): the derived lines use Σrows Y = 1, so that softmax cross-entropy's dZ[L] prints as A[L] − Y, and the
     * printed derivation says so.
     *
     * @param oneHotLabels inputs whose columns each sum to 1
     */
    public static Derivation of(Node j, List<Node> wrt, Map<Node, String> aliases, Set<Node> oneHotLabels) {
        return new Derivation(j, wrt, aliases, oneHotLabels);
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
        return format(notation, e -> null);
    }

    /**
     * @param shapeOf the shape to show after an equation, such as {@code n[1] × n[0]}, or null for none
     * @return one equation per line, a blank line between the forward and the derived ones
     */
    public String format(Notation notation, java.util.function.Function<Equation, String> shapeOf) {
        StringBuilder sb = new StringBuilder();
        boolean inGradients = false;
        for (Line line : lines(notation)) {
            Equation e = line.equation();
            if (e.gradient() && !inGradients) {
                sb.append(notation == Notation.LATEX ? "\\\\\n" : "\n");
                inGradients = true;
            }
            String shape = shapeOf.apply(e);
            sb.append(line.lhs()).append(" = ").append(line.rhs())
                    .append(shape == null ? "" : notation == Notation.LATEX ? " \\quad (" + shape + ")"
                            : "    (" + shape + ")")
                    .append(notation == Notation.LATEX ? " \\\\\n" : "\n");
        }
        String note = note(notation);
        if (note != null) {
            sb.append(note).append('\n');
        }
        return sb.toString();
    }

    /**
     * One printed equation: its two sides in a notation.
     *
     * @param equation the equation
     * @param lhs      the left side, such as {@code dW[1]} or {@code dW^{[1]}}
     * @param rhs      the right side's expression
     */
    public record Line(Equation equation, String lhs, String rhs) {
    }

    /** @return the equations of {@link #equations()}, each printed in {@code notation} */
    public List<Line> lines(Notation notation) {
        Map<Node, String> softmaxNames = new IdentityHashMap<>();
        names.forEach((n, name) -> {
            Node x = SoftmaxForms.softmax(n);
            if (x != null && !symbols.containsKey(n)) {
                softmaxNames.putIfAbsent(x, notation.name(name));
            }
        });
        ExpressionPrinter printer = new ExpressionPrinter(notation, n -> {
            String name = names.get(n);
            return name == null ? null : notation.name(name);
        }, softmaxNames::get, ExpressionPrinter.DEFAULT_BUDGET);
        List<Line> lines = new ArrayList<>();
        for (Equation e : equations) {
            lines.add(new Line(e, notation.name(e.lhs()), printer.expand(e.rhs())));
        }
        return lines;
    }

    /** @return what the derived lines assume of the labels (that they are one-hot), or null when nothing */
    public String note(Notation notation) {
        if (oneHot.isEmpty()) {
            return null;
        }
        String y = oneHot.stream().map(n -> notation.name(n.label())).sorted().collect(Collectors.joining(", "));
        return notation == Notation.LATEX ? "\\text{(" + y + " one-hot: each column sums to 1)}"
                : "(" + y + " one-hot: each column sums to 1)";
    }

    private String displayName(Node f) {
        String name = names.get(f);
        return name != null ? name : f.op() instanceof Input || f.op() instanceof Parameter ? f.label() : null;
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
            equations.add(new Equation(names.get(n), n, false, null));
        }
        equations.add(new Equation(names.getOrDefault(loss, "J"), loss, false, null));
        names.putIfAbsent(loss, "J");
    }

    /**
     * One equation per edge (see {@link EdgeEquations}): from J downwards, each named node's gradient in terms of the
     * symbols of the named gradients above it; then only the lines the requested gradients need, ordered as the
     * course does — layer by layer from the output, dZ then dW, db, then dA of the layer below.
     */
    private void gradientEquations(List<Node> vars, Map<Node, Node> raw, Rewriter.Session session) {
        EdgeEquations edges = new EdgeEquations(session, oneHot);
        Map<Node, Node> printed = new LinkedHashMap<>();
        int counter = 0;
        for (Map.Entry<Node, Node> e : raw.entrySet()) {
            Node f = e.getKey();
            String name = displayName(f);
            if (name == null || f == loss) {
                continue;
            }
            boolean requested = vars.contains(f);
            Node local = edges.local(e.getValue(), true);
            Node perSample = requested || !f.shape().cols().isSymbolic() ? null : EdgeEquations.perSample(local);
            printed.put(f, perSample != null ? perSample : requested ? EdgeEquations.meanInFront(local) : local);
            if (!f.inputs().isEmpty()) {
                Node symbol = f.graph().symbol("d" + name + "·" + f.id() + "·" + (counter++), f.shape());
                names.put(symbol, "d" + name);
                symbols.put(symbol, new Symbol(f, perSample != null));
                edges.declare(e.getValue(), symbol, perSample != null, f);
            }
        }
        // The lines the requested gradients need, through the symbols they use.
        Set<Node> needed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>();
        for (Node v : vars) {
            if (printed.containsKey(v)) {
                todo.add(v);
            }
        }
        while (!todo.isEmpty()) {
            Node f = todo.poll();
            if (!needed.add(f)) {
                continue;
            }
            for (Node a : ancestors(List.of(printed.get(f)))) {
                Symbol up = symbols.get(a);
                if (up != null && !needed.contains(up.forward())) {
                    todo.add(up.forward());
                }
            }
        }
        Map<Node, Integer> key = new HashMap<>();
        List<Node> namedForward = new ArrayList<>(printed.keySet());
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
        List<Node> order = new ArrayList<>(needed);
        order.sort(Comparator.<Node>comparingInt(f -> -key.getOrDefault(f, Integer.MAX_VALUE))
                .thenComparingInt(f -> f.inputs().isEmpty() ? 1 : 0).thenComparingInt(Node::id));
        for (Node f : order) {
            equations.add(new Equation("d" + displayName(f), printed.get(f), true, f));
        }
        for (int i = 0; i < vars.size(); i++) {
            if (!printed.containsKey(vars.get(i))) { // J does not depend on it: its gradient is zero
                equations.add(new Equation("d" + displayName(vars.get(i)), gradients.get(i), true, vars.get(i)));
            }
        }
    }

    /**
     * A symbol of a printed derivation: an input node standing for a named node's gradient in the lines below it.
     *
     * @param forward   the named node N whose gradient dN the symbol is
     * @param perSample true when dN = m·∂J/∂N (J a mean over the samples), false when dN = ∂J/∂N
     */
    public record Symbol(Node forward, boolean perSample) {
    }

    /** @return the variables, in the rewritten graph, in the order given */
    public List<Node> variables() {
        return List.copyOf(variables);
    }

    /** @return every symbol the equations use, to evaluate a line: feed it the gradient it stands for */
    public Map<Node, Symbol> symbols() {
        return java.util.Collections.unmodifiableMap(symbols);
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
        Set<String> leafNames = new java.util.HashSet<>();
        Set<String> names = new java.util.HashSet<>();
        for (Node n : known) {
            if (n.inputs().isEmpty()) {
                leafNames.add(n.label());
            }
            if (n.name() != null) {
                names.add(n.name());
            }
        }
        List<Node> extra = new ArrayList<>();
        for (Node n : j.graph().nodes()) {
            if (known.contains(n) || n.inputs().isEmpty() || !n.inputs().stream().allMatch(known::contains)) {
                continue;
            }
            known.add(n); // computable from J's inputs, such as softmax(Z[L]) beside a loss taken from the logits
            boolean gradient = n.name() != null && n.name().startsWith("d")
                    && leafNames.contains(n.name().substring(1));
            if (n.name() != null && !gradient && names.add(n.name())) { // a name J's own nodes have is another pass's
                extra.add(n);
            }
        }
        return extra;
    }

}
