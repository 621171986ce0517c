package io.github.gradgraph.graph.expr;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Functions;
import io.github.gradgraph.graph.ops.Ops;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The functions a formula may call, and their argument rules. */
final class Calls {
    private static final Set<String> UNARY = Set.of("exp", "log", "sqrt", "abs", "tanh", "sigmoid", "relu",
            "softplus", "softmax", "log_softmax", "gelu", "gelu_tanh", "silu", "normal_cdf");
    private static final Set<String> OTHER = Set.of("leaky_relu", "elu", "sum", "mean", "max");

    private Calls() {
    }

    static boolean isBuiltIn(String name) {
        return UNARY.contains(name) || OTHER.contains(name) || ImageCalls.isImageFunction(name);
    }

    static java.util.Set<String> builtIns() {
        java.util.Set<String> all = new java.util.TreeSet<>(UNARY);
        all.addAll(OTHER);
        all.addAll(ImageCalls.names());
        return all;
    }

    static boolean isFunction(String name) {
        return isBuiltIn(name) || FormulaFunctions.lookup(name) != null;
    }

    /** Parses {@code name(args)} with the parser positioned at '(' and builds the node. */
    static Node call(FormulaParser p, Token name) {
        String f = name.text();
        FormulaFunctions.Entry own = isBuiltIn(f) ? null : FormulaFunctions.lookup(f);
        if (!isBuiltIn(f) && own == null) {
            java.util.Set<String> mine = FormulaFunctions.registered();
            throw new ExpressionException(name.line(), name.column(), "unknown function '" + f + "'; known: exp, "
                    + "log, sqrt, abs, tanh, sigmoid, relu, leaky_relu, softplus, gelu, gelu_tanh, silu, elu, normal_cdf, "
                    + "softmax, log_softmax, sum, mean, max, conv2d, maxpool, avgpool"
                    + (mine.isEmpty() ? "" : "; registered: " + String.join(", ", mine)));
        }
        if (own != null) {
            return registered(p, name, own);
        }
        if (ImageCalls.isImageFunction(f)) {
            return ImageCalls.call(p, name);
        }
        p.expectSymbol("(");
        Keywords.refuse(p, f);
        Node x = p.argument();
        Double second = null;
        if (p.peekToken().is(",")) {
            p.nextToken();
            Keywords.refuse(p, f);
            second = p.numberArgument(f.equals("leaky_relu") ? "the slope of leaky_relu"
                    : f.equals("elu") ? "the α of elu" : "the axis of " + f);
        }
        p.expectSymbol(")");
        if (UNARY.contains(f)) {
            if (second != null) {
                throw new ExpressionException(name.line(), name.column(), f + " takes one argument");
            }
            return p.build(name, () -> unary(f).apply(x));
        }
        if (f.equals("leaky_relu")) {
            double a = second == null ? 0.01 : second;
            return p.build(name, () -> Ops.leakyRelu(x, a));
        }
        if (f.equals("elu")) {
            double a = second == null ? 1.0 : second;
            return p.build(name, () -> Ops.elu(x, a));
        }
        Integer axis = second == null ? null : axis(name, f, second);
        if (f.equals("max")) {
            if (axis == null) {
                throw new ExpressionException(name.line(), name.column(), "max needs an axis: max(x, 0) or max(x, 1)");
            }
            return p.build(name, () -> Ops.max(x, axis));
        }
        if (f.equals("sum")) {
            return p.build(name, () -> axis == null ? Ops.sum(x) : Ops.sum(x, axis));
        }
        return p.build(name, () -> axis == null ? Functions.mean(x) : Functions.mean(x, axis));
    }

    /** Parses the arguments of a function registered with {@link FormulaFunctions}: expressions, comma-separated. */
    private static Node registered(FormulaParser p, Token name, FormulaFunctions.Entry f) {
        p.expectSymbol("(");
        java.util.List<Node> args = new java.util.ArrayList<>();
        Keywords.refuse(p, name.text());
        args.add(p.argument());
        while (p.peekToken().is(",")) {
            p.nextToken();
            Keywords.refuse(p, name.text());
            args.add(p.argument());
        }
        p.expectSymbol(")");
        if (args.size() != f.arity()) {
            throw new ExpressionException(name.line(), name.column(), name.text() + " takes " + f.arity()
                    + " argument" + (f.arity() == 1 ? "" : "s") + ", got " + args.size());
        }
        Node[] in = args.toArray(new Node[0]);
        return p.build(name, () -> {
            Node out = f.build().apply(in);
            if (out == null) {
                throw new IllegalArgumentException("the formula function " + name.text() + " built no node");
            }
            return out;
        });
    }

    private static int axis(Token at, String f, double value) {
        if (value != 0 && value != 1) {
            throw new ExpressionException(at.line(), at.column(), "the axis of " + f + " must be 0 (over rows) or 1 "
                    + "(over columns), got " + value);
        }
        return (int) value;
    }

    private static UnaryOperator<Node> unary(String f) {
        switch (f) {
            case "exp": return Ops::exp;
            case "log": return Ops::log;
            case "sqrt": return Ops::sqrt;
            case "abs": return Ops::abs;
            case "tanh": return Ops::tanh;
            case "sigmoid": return Ops::sigmoid;
            case "relu": return Ops::relu;
            case "softplus": return Ops::softplus;
            case "gelu": return Ops::gelu;
            case "gelu_tanh": return Ops::geluTanh;
            case "silu": return Ops::silu;
            case "normal_cdf": return Ops::normalCdf;
            case "softmax": return Functions::softmax;
            default: return Functions::logSoftmax;
        }
    }
}
