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

    static boolean isFunction(String name) {
        return UNARY.contains(name) || OTHER.contains(name);
    }

    /** Parses {@code name(args)} with the parser positioned at '(' and builds the node. */
    static Node call(FormulaParser p, Token name) {
        String f = name.text();
        if (!isFunction(f)) {
            throw new ExpressionException(name.line(), name.column(), "unknown function '" + f + "'; known: exp, "
                    + "log, sqrt, abs, tanh, sigmoid, relu, leaky_relu, softplus, gelu, gelu_tanh, silu, elu, normal_cdf, "
                    + "softmax, log_softmax, sum, mean, max");
        }
        p.expectSymbol("(");
        Node x = p.argument();
        Double second = null;
        if (p.peekToken().is(",")) {
            p.nextToken();
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
