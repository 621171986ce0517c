package io.github.gradgraph.graph.print;

import io.github.gradgraph.graph.Constant;
import io.github.gradgraph.graph.Input;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Parameter;
import io.github.gradgraph.graph.ops.Add;
import io.github.gradgraph.graph.ops.ArgMaxMask;
import io.github.gradgraph.graph.ops.BroadcastTo;
import io.github.gradgraph.graph.ops.Div;
import io.github.gradgraph.graph.ops.Fill;
import io.github.gradgraph.graph.ops.LeakyRelu;
import io.github.gradgraph.graph.ops.MatMul;
import io.github.gradgraph.graph.ops.Max;
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
import java.util.function.Function;

/**
 * Prints a node as an infix expression, with the fewest parentheses its precedence needs. A node the namer names is
 * printed by that name and not expanded (leaves always are), so shared subexpressions print once, as equations.
 */
public final class ExpressionPrinter {
    private static final int SUM = 0;
    private static final int PRODUCT = 1;
    private static final int UNARY = 2;
    private static final int POSTFIX = 3;
    private static final int ATOM = 4;

    private final Notation notation;
    private final Function<Node, String> namer;
    private final Function<Node, String> softmaxNamer;

    /**
     * @param notation Unicode or LaTeX
     * @param namer    the display name of a node to be printed by name, or null to expand it; leaves with no name
     *                 from the namer print their label
     */
    public ExpressionPrinter(Notation notation, Function<Node, String> namer) {
        this(notation, namer, x -> null);
    }

    /**
     * @param softmaxNamer for an argument x, the display name of a named node that is softmax(x) (such as A[2]), or
     *                     null: softmax(x) in any of its computed forms then prints by that name, log softmax(x) as
     *                     its log
     */
    ExpressionPrinter(Notation notation, Function<Node, String> namer, Function<Node, String> softmaxNamer) {
        this.notation = notation;
        this.namer = namer;
        this.softmaxNamer = softmaxNamer;
    }

    /** @return {@code node} expanded one level: its own name is not used, its operands' are */
    public String expand(Node node) {
        return body(node).text;
    }

    /** @return {@code node} as an operand would print it */
    public String print(Node node) {
        return term(node).text;
    }

    private record Text(String text, int precedence) {
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
        return body(n);
    }

    /** @return the text of a stable softmax form, or null when n is none */
    private Text softmaxForm(Node n) {
        Notation f = notation;
        Node sx = SoftmaxForms.softmax(n);
        if (sx != null) {
            return new Text(f.call("softmax", print(sx)), ATOM);
        }
        Node[] scaled = SoftmaxForms.scaledSoftmax(n);
        if (scaled != null) {
            String named = softmaxNamer.apply(scaled[1]);
            String sm = named != null ? named : f.call("softmax", print(scaled[1]));
            return scaled[0] == null ? new Text(sm, ATOM)
                    : new Text(at(scaled[0], PRODUCT) + f.hadamard() + sm, PRODUCT);
        }
        Node lx = SoftmaxForms.logSoftmax(n);
        if (lx != null) {
            String named = softmaxNamer.apply(lx);
            return named != null ? new Text(f.call("log", named), ATOM) : new Text(f.call("log_softmax", print(lx)),
                    ATOM);
        }
        Node ex = SoftmaxForms.logSumExp(n);
        return ex == null ? null : new Text(f.call("logsumexp", print(ex)), ATOM);
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
                return new Text(f.indicator(print(n.input(0))), ATOM);
            }
            return new Text(f.call("step", print(n.input(0)) + ", " + Numbers.format(s.below()) + ", "
                    + Numbers.format(s.above())), ATOM);
        }
        if (op instanceof LeakyRelu) {
            return new Text(f.call("leaky_relu", print(n.input(0)) + ", " + Numbers.format(((LeakyRelu) op).alpha())),
                    ATOM);
        }
        if (op instanceof io.github.gradgraph.graph.ops.Elu e) {
            return new Text(f.call("elu", print(n.input(0)) + (e.alpha() == 1 ? "" : ", " + Numbers.format(e.alpha()))),
                    ATOM);
        }
        if (op instanceof Max || op instanceof ArgMaxMask) {
            int axis = op instanceof Max ? ((Max) op).axis() : ((ArgMaxMask) op).axis();
            String fn = (op instanceof Max ? "max" : "onehot_argmax") + (axis == 0 ? "_rows" : "_cols");
            return new Text(f.call(fn, print(n.input(0))), ATOM);
        }
        if (op instanceof BroadcastTo) {
            return term(n.input(0));
        }
        if (op instanceof Size) {
            return new Text(isBatch(n) ? "m" : f.call("size", print(n.input(0))), ATOM);
        }
        if (op instanceof io.github.gradgraph.graph.ops.Abs) {
            return new Text(f.abs(print(n.input(0))), ATOM);
        }
        String fn = op instanceof io.github.gradgraph.graph.ops.Sigmoid ? "σ"
                : op instanceof io.github.gradgraph.graph.ops.StopGradient ? "stop_gradient" : n.op().name();
        StringBuilder args = new StringBuilder();
        for (Node in : n.inputs()) { // a primitive of the user's own may take several operands
            args.append(args.length() == 0 ? "" : ", ").append(print(in));
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
