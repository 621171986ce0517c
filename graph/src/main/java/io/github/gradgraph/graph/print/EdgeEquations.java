package io.github.gradgraph.graph.print;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Add;
import io.github.gradgraph.graph.ops.AvgPool2d;
import io.github.gradgraph.graph.ops.AvgPoolGrad;
import io.github.gradgraph.graph.ops.ChannelSum;
import io.github.gradgraph.graph.ops.ChannelTile;
import io.github.gradgraph.graph.ops.Conv2d;
import io.github.gradgraph.graph.ops.Conv2dFilterGrad;
import io.github.gradgraph.graph.ops.Conv2dInputGrad;
import io.github.gradgraph.graph.ops.Div;
import io.github.gradgraph.graph.ops.MaxPoolGather;
import io.github.gradgraph.graph.ops.MaxPoolScatter;
import io.github.gradgraph.graph.ops.Mul;
import io.github.gradgraph.graph.ops.Neg;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.graph.ops.Scale;
import io.github.gradgraph.graph.ops.Size;
import io.github.gradgraph.graph.ops.Sub;
import io.github.gradgraph.graph.rewrite.Rewriter;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The derived equations one edge at a time, as the textbook writes them: the engine's gradient of a named node is
 * rewritten with every other named node's gradient replaced by a symbol (dA[2], dZ[2], …), so each line shows only
 * its own vector-Jacobian product — dZ[2] = dA[2] ⊙ g′(Z[2]), dW[2] = (1/m)·dZ[2]·A[1]ᵀ — and the lines share those
 * symbols instead of repeating whole subexpressions.
 *
 * <p>Per-sample convention: the symbol of a node with one column per sample stands for m·∂J/∂N when J is a mean over
 * the samples (its rewritten gradient has the form E/m), so that ∂J/∂N = (1/m)·dN; otherwise it stands for ∂J/∂N.
 */
final class EdgeEquations {
    private final Rewriter.Session session;
    /** raw gradient node (from Autodiff, unrewritten) → what replaces it in other lines */
    private final Map<Node, Node> replacement = new IdentityHashMap<>();

    private final java.util.Set<Node> oneHot;

    /** @param oneHot label inputs whose columns each sum to 1: their Σrows is replaced by 1 */
    EdgeEquations(Rewriter.Session session, java.util.Set<Node> oneHot) {
        this.session = session;
        this.oneHot = oneHot;
    }

    /**
     * Declares the symbol that replaces the raw gradient of a forward node in later lines.
     *
     * @param rawGradient the engine's ∂J/∂N, unrewritten
     * @param symbol      an input node standing for dN
     * @param perSample   whether dN = m·∂J/∂N (then ∂J/∂N is replaced by dN/m)
     * @param forward     N, whose columns count the samples
     */
    void declare(Node rawGradient, Node symbol, boolean perSample, Node forward) {
        replacement.put(rawGradient, perSample ? Ops.div(symbol, Ops.size(forward, 1)) : symbol);
    }

    /**
     * @param rawGradient ∂J/∂N as the engine derived it
     * @param own         whether to keep {@code rawGradient} itself (the line's own left-hand side) unreplaced
     * @return ∂J/∂N in terms of the declared symbols, rewritten
     */
    Node local(Node rawGradient, boolean own) {
        Map<Node, Node> memo = new IdentityHashMap<>();
        Node substituted = substitute(rawGradient, rawGradient, own, memo);
        Node rewritten = session.rewrite(java.util.List.of(substituted)).outputs().get(0);
        if (oneHot.isEmpty()) {
            return rewritten;
        }
        // Σrows Y appears once the rewrites have gathered the labels' terms: replace it, then simplify again
        Node once = substitute(rewritten, null, false, new IdentityHashMap<>());
        return once == rewritten ? rewritten : session.rewrite(java.util.List.of(once)).outputs().get(0);
    }

    /** As {@link #substituteOne}, bottom up with a loop, so that the recursion is one level deep. */
    private Node substitute(Node n, Node root, boolean own, Map<Node, Node> memo) {
        io.github.gradgraph.graph.Ancestors.postOrder(n, m -> memo.containsKey(m) || replaced(m, root, own),
                m -> substituteOne(m, root, own, memo));
        return substituteOne(n, root, own, memo);
    }

    /** @return whether {@link #substituteOne} replaces n without looking at its operands */
    private boolean replaced(Node n, Node root, boolean own) {
        return oneHotSum(n) || replacement.containsKey(n) && !(own && n == root);
    }

    private boolean oneHotSum(Node n) {
        return n.op() instanceof io.github.gradgraph.graph.ops.Sum sum && sum.axis() == 0
                && oneHot.contains(n.input(0));
    }

    private Node substituteOne(Node n, Node root, boolean own, Map<Node, Node> memo) {
        Node done = memo.get(n);
        if (done != null) {
            return done;
        }
        if (oneHotSum(n)) {
            Node one = Ops.fill(n.graph(), n.shape(), 1.0); // Σrows Y = 1 for one-hot labels
            memo.put(n, one);
            return one;
        }
        Node r = replacement.get(n);
        if (r != null && !(own && n == root)) {
            memo.put(n, r);
            return r;
        }
        Node[] in = new Node[n.inputs().size()];
        boolean same = true;
        for (int i = 0; i < in.length; i++) {
            in[i] = substituteOne(n.input(i), root, own, memo);
            same &= in[i] == n.input(i);
        }
        Node out = same ? n : n.graph().apply(n.op(), in);
        memo.put(n, out);
        return out;
    }

    /**
     * @return E for a gradient of the form E/m, through constant factors, negation, sums, products and quotients
     *     whose every term carries the 1/m (c·(a/m) − b/m gives c·a − b), or null when the gradient is not a mean
     *     over the samples
     */
    static Node perSample(Node g) {
        return perSample(g, 0, new int[] {PER_SAMPLE_VISITS}, new Node[1]);
    }

    /**
     * Deeper than this, or past this many nodes looked at, a gradient is not recognised as a mean (and prints as it
     * is): the walk recurses, and a sum whose terms share operands would be walked once per path.
     */
    private static final int PER_SAMPLE_DEPTH = 64;
    private static final int PER_SAMPLE_VISITS = 4096;

    /** @param size where the batch size node m of the first E/m met is put */
    private static Node perSample(Node g, int depth, int[] visits, Node[] size) {
        if (depth > PER_SAMPLE_DEPTH || --visits[0] < 0) {
            return null;
        }
        if (g.op() instanceof Div && g.input(1).op() instanceof Size && ExpressionPrinter.isBatch(g.input(1))) {
            size[0] = size[0] == null ? g.input(1) : size[0];
            return g.input(0);
        }
        if (g.op() instanceof Scale s) {
            Node inner = perSample(g.input(0), depth + 1, visits, size);
            return inner == null ? null : Ops.scale(inner, s.factor());
        }
        if (g.op() instanceof Neg) {
            Node inner = perSample(g.input(0), depth + 1, visits, size);
            return inner == null ? null : Ops.neg(inner);
        }
        if (g.op() instanceof Add || g.op() instanceof Sub) { // a/m ± b/m = (a ± b)/m
            Node a = perSample(g.input(0), depth + 1, visits, size);
            Node b = perSample(g.input(1), depth + 1, visits, size);
            return a == null || b == null ? null : g.op() instanceof Add ? Ops.add(a, b) : Ops.sub(a, b);
        }
        if (g.op() instanceof Mul) { // (a/m)·b = (a·b)/m
            Node a = perSample(g.input(0), depth + 1, visits, size);
            if (a != null) {
                return Ops.mul(a, g.input(1));
            }
            Node b = perSample(g.input(1), depth + 1, visits, size);
            return b == null ? null : Ops.mul(g.input(0), b);
        }
        if (g.op() instanceof Div) { // (a/m)/b = (a/b)/m
            Node a = perSample(g.input(0), depth + 1, visits, size);
            return a == null ? null : Ops.div(a, g.input(1));
        }
        for (int k : linearOperands(g)) { // conv2dᵀ(a/m, W) = conv2dᵀ(a, W)/m, and so on for each linear image op
            Node a = perSample(g.input(k), depth + 1, visits, size);
            if (a != null) {
                Node[] in = g.inputs().toArray(new Node[0]);
                in[k] = a;
                return g.graph().apply(g.op(), in);
            }
        }
        return null;
    }

    /**
     * A requested gradient that is a linear image op over a mean, such as conv2d_dW(A[0], dZ[1]/m), with the 1/m
     * brought out in front, (1/m)·conv2d_dW(A[0], dZ[1]), as the seed writes dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ (the
     * rewrites do this for a matrix product); the gradient as it is otherwise.
     */
    static Node meanInFront(Node g) {
        if (linearOperands(g).length == 0) {
            return g;
        }
        Node[] size = new Node[1];
        Node e = perSample(g, 0, new int[] {PER_SAMPLE_VISITS}, size);
        return e == null ? g : Ops.div(e, size[0]);
    }

    /**
     * @return the operands in which an image op is linear (a scalar factor of one comes out of the op): both of the
     *     bilinear conv2dᵀ(G, W), conv2d_dW(A, G) and an unbiased conv2d(A, W); G of maxpoolᵀ(A, G) and
     *     maxpool_at(A, G); the one operand of channel_sum, channel_tile, avgpool and avgpoolᵀ; none of anything else
     */
    static int[] linearOperands(Node g) {
        Object op = g.op();
        if (op instanceof Conv2dInputGrad || op instanceof Conv2dFilterGrad
                || op instanceof Conv2d c && !c.biased()) {
            return new int[] {0, 1};
        }
        if (op instanceof MaxPoolScatter || op instanceof MaxPoolGather) {
            return new int[] {1};
        }
        if (op instanceof ChannelSum || op instanceof ChannelTile || op instanceof AvgPool2d
                || op instanceof AvgPoolGrad) {
            return new int[] {0};
        }
        return new int[0];
    }
}
