package io.github.gradgraph.graph.rewrite;

import io.github.gradgraph.graph.Ancestors;
import io.github.gradgraph.graph.CallSite;
import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.graph.GraphValidator;
import io.github.gradgraph.graph.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rewrite pass over the nodes some outputs need: bottom-up, each node's operands are rewritten first; the node is
 * then interned (common subexpression elimination: one node per operation and operands) and the rules are tried
 * until none applies. New nodes are added to the same graph; the old ones stay and are simply no longer used.
 *
 * <p>Rules preserve values wherever the original is finite, and may make a value finite that was not (the
 * stabilization rules). A rule result of another shape is rejected, so no rule can change a shape.
 */
public final class Rewriter {
    private static final int MAX_FIRINGS_PER_NODE = 64;

    private final List<Rule> rules;

    /** @param rules tried in order at every node */
    public Rewriter(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** @return a rewriter with every standard rule: simplification, transposed matmul and stabilization */
    public static Rewriter standard() {
        List<Rule> all = new ArrayList<>();
        all.add(ConstantFolding.RULE);
        all.addAll(AlgebraRules.RULES);
        all.addAll(StructureRules.RULES);
        all.addAll(SequenceRules.RULES);
        all.addAll(HoistingRules.RULES);
        all.addAll(StabilizationRules.RULES);
        return new Rewriter(all);
    }

    /** @return the rules, in order */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * Rewrites.
     *
     * @param outputs nodes of one graph
     * @return the rewritten outputs, a map from every visited node to its rewrite, and the report
     */
    public Result rewrite(List<Node> outputs) {
        return session().rewrite(outputs);
    }

    /**
     * A session whose successive rewrites share one memo and one CSE table, so that a node built in a later rewrite
     * (a gradient's σ(Z)) is recognised as one seen in an earlier rewrite (the forward A = σ(Z)).
     */
    public Session session() {
        return new Session();
    }

    /** @return the rewrite of one node */
    public Node rewrite(Node output) {
        if (output == null) {
            throw new GraphException("rewrite: the output node is null");
        }
        return rewrite(List.of(output)).outputs().get(0);
    }

    /**
     * The outcome of a rewrite.
     *
     * @param outputs the rewritten outputs, in order
     * @param mapping every visited node → its rewrite (identity-keyed)
     * @param report  the rules that fired
     */
    public record Result(List<Node> outputs, Map<Node, Node> mapping, RewriteReport report) {
        /** @return the rewrite of a visited node, or the node itself */
        public Node map(Node n) {
            return mapping.getOrDefault(n, n);
        }
    }

    /** Successive rewrites sharing what they learned; see {@link #session()}. */
    public final class Session {
        final Map<Node, Node> memo = new IdentityHashMap<>();
        final Map<Key, Node> interned = new HashMap<>();
        final RewriteReport report = new RewriteReport();
        private final Map<Node, Set<Node>> feeds = new IdentityHashMap<>();

        private Session() {
        }

        /**
         * @param outputs nodes to rewrite
         * @return the rewritten outputs, everything mapped so far in this session, and its report so far
         */
        public Result rewrite(List<Node> outputs) {
            List<Node> out = new ArrayList<>();
            if (outputs == null) {
                throw new GraphException("rewrite: the list of outputs is null");
            }
            for (int i = 0; i < outputs.size(); i++) {
                if (outputs.get(i) == null) {
                    throw new GraphException("rewrite: output " + (i + 1) + " is null");
                }
                Node original = outputs.get(i);
                // Bottom up, in the order simplify's own recursion would take, so that it finds operands done
                // and recurses only into what a rule makes, however deep the graph.
                Ancestors.postOrder(original, memo::containsKey, this::simplify);
                Node rewritten = simplify(original);
                if (rewritten != original && original.name() != null && rewritten.name() == null
                        && !rewritten.inputs().isEmpty()) {
                    rewritten = rewritten.named(original.name()); // J stays "J" in messages after its rewrite
                    memo.put(original, rewritten);
                    memo.put(rewritten, rewritten);
                }
                out.add(rewritten);
            }
            GraphValidator.validate(memo.values());
            return new Result(out, memo, report);
        }

        Node simplify(Node n) {
            Node done = memo.get(n);
            if (done != null) {
                return done;
            }
            // What a rule makes stands for n: it keeps n's call site (a formula's position, a user's line), not the
            // frame that asked for the rewrite (a servlet, the command line), so warnings about it point at n.
            return CallSite.within(n.site(), () -> simplifyOperandsAndRules(n));
        }

        private Node simplifyOperandsAndRules(Node n) {
            Node[] in = new Node[n.inputs().size()];
            boolean same = true;
            for (int i = 0; i < in.length; i++) {
                in[i] = simplify(n.input(i));
                same &= in[i] == n.input(i);
            }
            Node current = intern(same ? n : labelled(n.graph().apply(n.op(), in), n));
            for (int firings = 0; firings < MAX_FIRINGS_PER_NODE; firings++) {
                Node next = firstApplicable(current);
                if (next == null) {
                    break;
                }
                current = simplify(next);
            }
            memo.put(n, current);
            memo.put(current, current);
            return current;
        }

        /** @return {@code rebuilt} (n with rewritten operands) under n's name or composite label, as n had it */
        private Node labelled(Node rebuilt, Node n) {
            if (n.name() != null) {
                return rebuilt.named(n.name());
            }
            return n.compositeName() != null ? rebuilt.asComposite(n.compositeName()) : rebuilt;
        }

        private Node firstApplicable(Node node) {
            for (Rule rule : rules) {
                Node r = rule.apply(node);
                if (r != null && r != node && r.shape().equals(node.shape())
                        && feedsOf(node).containsAll(feedsOf(r))) {
                    report.count(rule.name());
                    return r;
                }
            }
            return null;
        }

        /**
         * @return the inputs (feeds) {@code n} depends on. A rewrite may not add one: a program computing the
         *     rewritten node would then ask for a feed the user's graph never needed (the batch-count rule once made
         *     mean(Y) depend on X).
         */
        private Set<Node> feedsOf(Node n) {
            Set<Node> known = feeds.get(n);
            if (known != null) {
                return known;
            }
            for (Node m : Ancestors.postOrder(n, feeds::containsKey)) { // operands first: no recursion
                Set<Node> s = Collections.newSetFromMap(new IdentityHashMap<>());
                if (m.op() instanceof io.github.gradgraph.graph.Input) {
                    s.add(m);
                }
                for (Node in : m.inputs()) {
                    s.addAll(feeds.get(in));
                }
                feeds.put(m, s);
            }
            return feeds.get(n);
        }

        private Node intern(Node n) {
            Key key = new Key(n);
            Node existing = interned.putIfAbsent(key, n);
            if (existing != null && existing != n) {
                report.count("common subexpression");
                return existing;
            }
            return n;
        }
    }

    /** Identity of an operation for CSE: the op (by value) and its operands (by identity). */
    private static final class Key {
        final Object op;
        final Node[] inputs;
        final boolean leaf;
        final Node self;

        Key(Node n) {
            this.op = n.op();
            this.inputs = n.inputs().toArray(new Node[0]);
            this.leaf = inputs.length == 0 && !(n.op() instanceof io.github.gradgraph.graph.Constant)
                    && !(n.op() instanceof io.github.gradgraph.graph.ops.Fill);
            this.self = n;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            if (leaf || k.leaf) {
                return self == k.self;
            }
            if (!op.equals(k.op) || inputs.length != k.inputs.length) {
                return false;
            }
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i] != k.inputs[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            if (leaf) {
                return System.identityHashCode(self);
            }
            int h = op.hashCode();
            for (Node in : inputs) {
                h = 31 * h + System.identityHashCode(in);
            }
            return h;
        }

        @Override
        public String toString() {
            return op + Arrays.toString(inputs);
        }
    }
}
