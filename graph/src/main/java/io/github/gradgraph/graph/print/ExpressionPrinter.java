package io.github.gradgraph.graph.print;

import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.graph.Constant;
import io.github.gradgraph.graph.Input;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Parameter;
import io.github.gradgraph.graph.expr.ImageKeywords;
import io.github.gradgraph.graph.ops.Add;
import io.github.gradgraph.graph.ops.ArgMaxMask;
import io.github.gradgraph.graph.ops.AvgPool2d;
import io.github.gradgraph.graph.ops.BroadcastTo;
import io.github.gradgraph.graph.ops.Conv2d;
import io.github.gradgraph.graph.ops.Div;
import io.github.gradgraph.graph.ops.Fill;
import io.github.gradgraph.graph.ops.LeakyRelu;
import io.github.gradgraph.graph.ops.MatMul;
import io.github.gradgraph.graph.ops.Max;
import io.github.gradgraph.graph.ops.MaxPool2d;
import io.github.gradgraph.graph.ops.Mul;
import io.github.gradgraph.graph.ops.Neg;
import io.github.gradgraph.graph.ops.Pow;
import io.github.gradgraph.graph.ops.Scale;
import io.github.gradgraph.graph.ops.Shift;
import io.github.gradgraph.graph.ops.Size;
import io.github.gradgraph.graph.ops.Step;
import io.github.gradgraph.graph.ops.Sub;
import io.github.gradgraph.graph.ops.Sum;
import io.github.gradgraph.graph.ops.Transpose;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints a node as an infix expression, with the fewest parentheses its precedence needs. A node the namer names is
 * printed by that name and not expanded (leaves always are), so shared subexpressions print once, as equations.
 *
 * <p>Every output is bounded: a printer returns at most its budget of characters in all (by default
 * {@value #DEFAULT_BUDGET}, counted across calls) and throws {@link PrintTooLongException} as soon as an expression
 * would pass it, before building the long text. An unnamed node used twice prints twice, so without names a chain
 * of statements that each use the previous one twice doubles per statement; {@link FormulaPrinter} prints a formula
 * with every assigned statement named, in text linear in its size.
 *
 * <p>The graph's depth does not bound the stack: a term nested {@value #RECURSION} levels below the one being printed
 * is printed on its own first (and kept), so a 10,000-term sum prints on a thread with a small stack.
 */
public final class ExpressionPrinter {
    /** The default budget: the most characters a printer returns, over all its calls. */
    public static final int DEFAULT_BUDGET = 200_000;
    /** How deep one recursive descent goes before the deeper term is printed first, by the loop in {@link #top}. */
    static final int RECURSION = 64;
    /** Intermediate text a printer may build, per character of its budget: a long chain copies its prefixes. */
    private static final long WORK_PER_CHARACTER = 100;
    private static final int SUM = 0;
    private static final int PRODUCT = 1;
    private static final int UNARY = 2;
    private static final int POSTFIX = 3;
    private static final int ATOM = 4;

    private final Notation notation;
    private final Function<Node, String> namer;
    private final Function<Node, String> softmaxNamer;
    private final long budget;
    /** Characters returned so far. */
    private long used;
    /** Characters of every term built so far, including those inside others and those of abandoned descents. */
    private long work;
    /** Terms printed ahead of the term that contains them, because they lie deep below it. */
    private final Map<Node, Text> printedAhead = new IdentityHashMap<>();
    /** Within one call, terms asked for a second time (kept, so a shared term is built once however often used). */
    private final Map<Node, Text> shared = new IdentityHashMap<>();
    private final java.util.Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private int depth;
    private Node root;

    /**
     * @param notation Unicode or LaTeX
     * @param namer    the display name of a node to be printed by name, or null to expand it; leaves with no name
     *                 from the namer print their label
     */
    public ExpressionPrinter(Notation notation, Function<Node, String> namer) {
        this(notation, namer, x -> null, DEFAULT_BUDGET);
    }

    /**
     * @param budget the most characters this printer returns, over all its calls, ≥ 1
     * @see #ExpressionPrinter(Notation, Function)
     */
    public ExpressionPrinter(Notation notation, Function<Node, String> namer, int budget) {
        this(notation, namer, x -> null, budget);
    }

    /**
     * @param softmaxNamer for an argument x, the display name of a named node that is softmax(x) (such as A[2]), or
     *                     null: softmax(x) in any of its computed forms then prints by that name, log softmax(x) as
     *                     its log
     */
    ExpressionPrinter(Notation notation, Function<Node, String> namer, Function<Node, String> softmaxNamer,
            int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("a printer's budget is at least 1 character, got " + budget);
        }
        this.notation = notation;
        this.namer = namer;
        this.softmaxNamer = softmaxNamer;
        this.budget = budget;
    }

    /**
     * @return {@code node} expanded one level: its own name is not used, its operands' are
     * @throws PrintTooLongException when the text would pass what is left of the budget
     */
    public String expand(Node node) {
        return top(node, true);
    }

    /**
     * @return {@code node} as an operand would print it
     * @throws PrintTooLongException when the text would pass what is left of the budget
     */
    public String print(Node node) {
        return top(node, false);
    }

    private record Text(String text, int precedence) {
    }

    /** Thrown, without a stack trace, where a descent reaches {@link #RECURSION} levels: print this node first. */
    private static final class Deeper extends RuntimeException {
        final transient Node node;

        Deeper(Node node) {
            super(null, null, false, false);
            this.node = node;
        }
    }

    /**
     * Prints {@code node}, printing first, bottom up, each term that lies too deep below another: each descent
     * that hits the recursion limit names the deep term, which is printed on its own (and kept), then the descent
     * starts again. Every descent reaches a term printed ahead within {@link #RECURSION} levels, so the stack depth
     * stays bounded whatever the graph's depth.
     */
    private String top(Node node, boolean expand) {
        root = node;
        java.util.ArrayDeque<Node> ahead = new java.util.ArrayDeque<>();
        try {
            while (true) {
                Node first = ahead.peek();
                depth = 0;
                try {
                    if (first == null) {
                        String text = (expand ? checked(body(node)) : term(node)).text;
                        used += text.length();
                        return text;
                    }
                    printedAhead.put(first, term(first));
                    ahead.pop();
                } catch (Deeper d) {
                    ahead.push(d.node);
                }
            }
        } finally {
            printedAhead.clear();
            shared.clear();
            seen.clear();
        }
    }

    /** @return {@code t}, when it fits what is left of the budget */
    private Text checked(Text t) {
        work += t.text.length();
        if (used + t.text.length() > budget) {
            throw new PrintTooLongException(root.describe(), budget, false);
        }
        if (work > budget * WORK_PER_CHARACTER) {
            throw new PrintTooLongException(root.describe(), budget * WORK_PER_CHARACTER, true);
        }
        return t;
    }

    private Text term(Node n) {
        String name = namer.apply(n);
        if (name != null) {
            return new Text(name, ATOM);
        }
        Node sx = SoftmaxForms.softmax(n);
        if (sx != null && softmaxNamer.apply(sx) != null) {
            return new Text(softmaxNamer.apply(sx), ATOM);
        }
        Text known = printedAhead.get(n);
        if (known == null) {
            known = shared.get(n);
        }
        if (known != null) {
            return known;
        }
        if (depth >= RECURSION) {
            throw new Deeper(n);
        }
        depth++;
        try {
            Text t = checked(body(n));
            if (!seen.add(n)) { // only shared terms are kept: keeping every prefix of a long chain would be quadratic
                shared.put(n, t);
            }
            return t;
        } finally {
            depth--;
        }
    }

    /** @return n as an operand prints, within the printing of {@link #root} */
    private String inner(Node n) {
        return term(n).text;
    }

    /** @return the text of a stable softmax form, or null when n is none */
    private Text softmaxForm(Node n) {
        Notation f = notation;
        Node sx = SoftmaxForms.softmax(n);
        if (sx != null) {
            return new Text(f.call("softmax", inner(sx)), ATOM);
        }
        Node[] scaled = SoftmaxForms.scaledSoftmax(n);
        if (scaled != null) {
            String named = softmaxNamer.apply(scaled[1]);
            String sm = named != null ? named : f.call("softmax", inner(scaled[1]));
            return scaled[0] == null ? new Text(sm, ATOM)
                    : new Text(at(scaled[0], PRODUCT) + f.hadamard() + sm, PRODUCT);
        }
        Node lx = SoftmaxForms.logSoftmax(n);
        if (lx != null) {
            String named = softmaxNamer.apply(lx);
            return named != null ? new Text(f.call("log", named), ATOM) : new Text(f.call("log_softmax", inner(lx)),
                    ATOM);
        }
        Node ex = SoftmaxForms.logSumExp(n);
        return ex == null ? null : new Text(f.call("logsumexp", inner(ex)), ATOM);
    }

    /**
     * @return −x printed as x (a negative scale c·x as |c|·x, a negation −x as x), so that a + (−3·x) prints as
     *     a − 3·x and a − (−x) as a + x; null when {@code n} is no such unnamed node
     */
    private String negation(Node n) {
        if (namer.apply(n) != null) {
            return null;
        }
        if (n.op() instanceof Scale && ((Scale) n.op()).factor() < 0) {
            double c = -((Scale) n.op()).factor();
            return c == 1 ? at(n.input(0), PRODUCT)
                    : Numbers.format(c) + notation.times() + at(n.input(0), UNARY);
        }
        if (n.op() instanceof Neg) {
            return at(n.input(0), PRODUCT);
        }
        return null;
    }

    private String at(Node n, int min) {
        Text t = term(n);
        return t.precedence < min ? notation.group(t.text) : t.text;
    }

    private Text body(Node n) {
        Notation f = notation;
        Object op = n.op();
        Text softmax = softmaxForm(n);
        if (softmax != null) {
            return softmax;
        }
        if (op instanceof Input || op instanceof Parameter) {
            return new Text(f.name(n.label()), ATOM);
        }
        if (op instanceof Constant) {
            Constant c = (Constant) op;
            return new Text(n.shape().isScalar() ? Numbers.format(c.scalar()) : "const" + n.shape(), ATOM);
        }
        if (op instanceof Fill) {
            return new Text(Numbers.format(((Fill) op).value()), ATOM);
        }
        if (op instanceof Add) {
            String negated = negation(n.input(1));
            return new Text(at(n.input(0), SUM) + (negated != null ? " " + f.minus() + " " + negated
                    : " + " + at(n.input(1), SUM)), SUM);
        }
        if (op instanceof Sub) {
            String negated = negation(n.input(1));
            return new Text(at(n.input(0), SUM) + (negated != null ? " + " + negated
                    : " " + f.minus() + " " + at(n.input(1), PRODUCT)), SUM);
        }
        if (op instanceof Mul) {
            return new Text(at(n.input(0), PRODUCT) + f.hadamard() + at(n.input(1), UNARY), PRODUCT);
        }
        if (op instanceof Div) {
            if (n.input(1).shape().isScalar()) {
                return new Text(f.reciprocal(at(n.input(1), ATOM)) + at(n.input(0), PRODUCT), PRODUCT);
            }
            return new Text(at(n.input(0), PRODUCT) + f.divide() + at(n.input(1), UNARY), PRODUCT);
        }
        if (op instanceof Neg) {
            return new Text(f.minus() + at(n.input(0), UNARY), UNARY);
        }
        if (op instanceof Scale) {
            return new Text(Numbers.format(((Scale) op).factor()) + f.times() + at(n.input(0), UNARY), PRODUCT);
        }
        if (op instanceof Shift) {
            double c = ((Shift) op).offset();
            if (n.input(0).op() instanceof Neg && namer.apply(n.input(0)) == null) {
                return new Text(Numbers.format(c) + " " + f.minus() + " " + at(n.input(0).input(0), PRODUCT), SUM);
            }
            return new Text(at(n.input(0), SUM) + (c < 0 ? " " + f.minus() + " " + Numbers.format(-c)
                    : " + " + Numbers.format(c)), SUM);
        }
        if (op instanceof MatMul) {
            MatMul mm = (MatMul) op;
            String a = at(n.input(0), mm.transA() ? ATOM : PRODUCT);
            String b = at(n.input(1), mm.transB() ? ATOM : UNARY);
            return new Text((mm.transA() ? f.transposed(a) : a) + f.times() + (mm.transB() ? f.transposed(b) : b),
                    PRODUCT);
        }
        if (op instanceof Transpose) {
            return new Text(f.transposed(at(n.input(0), ATOM)), POSTFIX);
        }
        if (op instanceof io.github.gradgraph.graph.ops.RowSlice rs) { // numpy's rows from:to
            return new Text(at(n.input(0), ATOM) + "[" + rs.from() + ":" + (rs.from() + rs.count()) + ", :]", POSTFIX);
        }
        if (op instanceof io.github.gradgraph.graph.ops.RowConcat) { // [a⟨t−1⟩; x⟨t⟩], as the course writes it
            StringBuilder parts = new StringBuilder();
            for (Node in : n.inputs()) {
                parts.append(parts.length() == 0 ? "" : "; ").append(inner(in));
            }
            return new Text("[" + parts + "]", ATOM);
        }
        if (op instanceof Pow) {
            return new Text(f.power(at(n.input(0), ATOM), ((Pow) op).exponent()), POSTFIX);
        }
        if (op instanceof Sum) {
            int axis = ((Sum) op).axis();
            return new Text(f.sum(axis == 1 ? "cols" : axis == 0 ? "rows" : "", at(n.input(0), UNARY)), UNARY);
        }
        if (op instanceof Step) {
            Step s = (Step) op;
            if (s.below() == 0 && s.above() == 1) {
                return new Text(f.indicator(inner(n.input(0))), ATOM);
            }
            return new Text(f.call("step", inner(n.input(0)) + ", " + Numbers.format(s.below()) + ", "
                    + Numbers.format(s.above())), ATOM);
        }
        if (op instanceof LeakyRelu) {
            return new Text(f.call("leaky_relu", inner(n.input(0)) + ", " + Numbers.format(((LeakyRelu) op).alpha())),
                    ATOM);
        }
        if (op instanceof io.github.gradgraph.graph.ops.Elu e) {
            return new Text(f.call("elu", inner(n.input(0)) + (e.alpha() == 1 ? "" : ", " + Numbers.format(e.alpha()))),
                    ATOM);
        }
        if (op instanceof Max || op instanceof ArgMaxMask) {
            int axis = op instanceof Max ? ((Max) op).axis() : ((ArgMaxMask) op).axis();
            String fn = (op instanceof Max ? "max" : "onehot_argmax") + (axis == 0 ? "_rows" : "_cols");
            return new Text(f.call(fn, inner(n.input(0))), ATOM);
        }
        if (op instanceof BroadcastTo) {
            return term(n.input(0));
        }
        if (op instanceof Size) {
            return new Text(isBatch(n) ? "m" : f.call("size", inner(n.input(0))), ATOM);
        }
        if (op instanceof io.github.gradgraph.graph.ops.Abs) {
            return new Text(f.abs(inner(n.input(0))), ATOM);
        }
        ConvGeometry window = op instanceof Conv2d c ? c.geometry() : op instanceof MaxPool2d mp ? mp.geometry()
                : op instanceof AvgPool2d ap ? ap.geometry() : null;
        if (window != null) { // the forward image ops print their keywords, as the formula language reads them
            StringBuilder args = new StringBuilder();
            for (Node in : n.inputs()) {
                args.append(inner(in)).append(", ");
            }
            return new Text(f.call(n.op().name(), args + f.keywords(ImageKeywords.of(window, !(op instanceof Conv2d)))),
                    ATOM);
        }
        String fn = op instanceof io.github.gradgraph.graph.ops.Sigmoid ? "σ"
                : op instanceof io.github.gradgraph.graph.ops.StopGradient ? "stop_gradient" : n.op().name();
        StringBuilder args = new StringBuilder();
        for (Node in : n.inputs()) { // a primitive of the user's own may take several operands
            args.append(args.length() == 0 ? "" : ", ").append(inner(in));
        }
        return new Text(f.call(fn, args.toString()), ATOM);
    }

    /** @return true when a size node counts exactly the batch dimension m */
    static boolean isBatch(Node n) {
        int axis = ((Size) n.op()).axis();
        var s = n.input(0).shape();
        var counted = axis == 0 ? s.rows() : axis == 1 ? s.cols()
                : s.rows().isOne() ? s.cols() : s.cols().isOne() ? s.rows() : null;
        return counted != null && counted.isSymbolic();
    }
}
