package io.github.gradgraph.graph.expr;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Ops;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Parses matrix formulas in numpy-like syntax into graph nodes: {@code @} matrix product; {@code + - * /}
 * elementwise with broadcasting; unary minus; {@code **} with a constant exponent; {@code x.T}; numbers; names;
 * the functions exp, log, sqrt, abs, tanh, sigmoid, relu, leaky_relu(x, a), softplus, gelu, gelu_tanh, silu, elu(x)
 * or elu(x, α), normal_cdf, softmax(x), log_softmax(x) (per column), sum(x), sum(x, axis), mean(x), mean(x, axis),
 * max(x, axis), with axis as numpy's (0 → 1×m, 1 → n×1); and over image batches, with keyword arguments (see
 * {@link ImageKeywords}), conv2d(A, W, b, image=[5,7,4], f=3, stride=2, pad=1) (b optional), maxpool(A, image=[5,5,3],
 * f=3, stride=1) and avgpool(A, image=[5,5,3], f=2, pad=same).
 * Statements {@code name = expr} are separated by ';' or new lines; the last is the result. A name not assigned
 * before its use is an input, of the shape given for it or the default shape.
 *
 * <p>Parentheses, function calls, unary signs and {@code **} exponents nest at most {@value #MAX_NESTING} levels
 * deep, and a number must lie within float64's range: past either, the formula is refused at the offending token,
 * so that no input text can overflow the parser's stack or hide an infinity in a constant.
 */
public final class FormulaParser {
    /** The deepest nesting of parentheses, calls, unary signs and exponents a formula may have. */
    public static final int MAX_NESTING = 256;

    private final List<Token> tokens;
    private final Map<String, Shape> shapes;
    private final Shape defaultShape;
    private final Graph graph;
    private final Map<String, Node> names = new LinkedHashMap<>();
    private final List<Formula.Statement> statements = new ArrayList<>();
    /** Names given by the caller (over an existing graph); null when unknown names become inputs. */
    private final Map<String, Node> bound;
    private int pos;
    /** How many nested constructs enclose the token being parsed; bounded so the recursion stays shallow. */
    private int nesting;

    private FormulaParser(String source, Map<String, Shape> shapes, Shape defaultShape) {
        if (source == null || shapes == null || defaultShape == null) {
            throw new IllegalArgumentException("a formula, its shapes and a default shape are required");
        }
        this.tokens = Lexer.tokens(source);
        this.shapes = shapes;
        this.defaultShape = defaultShape;
        this.graph = new Graph();
        this.bound = null;
    }

    private FormulaParser(String source, Map<String, Node> bound) {
        if (source == null || bound == null || bound.isEmpty()) {
            throw new IllegalArgumentException("a formula and at least one node to write it over are required");
        }
        this.graph = bound.values().iterator().next().graph();
        for (Map.Entry<String, Node> e : bound.entrySet()) {
            if (e.getValue().graph() != graph) {
                throw new IllegalArgumentException("the nodes a formula is written over must share one graph; '"
                        + e.getKey() + "' is in another");
            }
        }
        this.tokens = Lexer.tokens(source);
        this.shapes = Map.of();
        this.defaultShape = null;
        this.bound = Map.copyOf(bound);
    }

    /**
     * @param source       the formula
     * @param shapes       shapes of inputs by name
     * @param defaultShape the shape of an input not in {@code shapes}
     * @return the parsed formula
     * @throws ExpressionException at the line and column of the first problem
     */
    public static Formula parse(String source, Map<String, Shape> shapes, Shape defaultShape) {
        FormulaParser p = new FormulaParser(source, shapes, defaultShape);
        Node result = p.program();
        return new Formula(p.graph, p.names, result, List.copyOf(p.statements));
    }

    /**
     * Parses a formula over nodes of an existing graph, such as a loss over a network's output A and labels Y: each
     * name in {@code bound} stands for its node, the formula's nodes are added to that graph, and a name that is
     * neither bound nor assigned before its use is an error naming the bound ones.
     *
     * @param source the formula
     * @param bound  nodes by the names the formula may use; not modified
     * @return the parsed formula, whose {@link Formula#names()} hold the bound names it used and those it assigned
     * @throws ExpressionException at the line and column of the first problem
     */
    public static Formula parseOver(String source, Map<String, Node> bound) {
        FormulaParser p = new FormulaParser(source, bound);
        Node result = p.program();
        return new Formula(p.graph, p.names, result, List.copyOf(p.statements));
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private Token expect(String symbol) {
        Token t = next();
        if (!t.is(symbol)) {
            throw new ExpressionException(t.line(), t.column(), "expected '" + symbol + "' but found " + t.show());
        }
        return t;
    }

    private Node program() {
        Node last = null;
        while (peek().kind() != Token.Kind.END) {
            if (peek().kind() == Token.Kind.END_OF_STATEMENT) {
                next();
                continue;
            }
            last = statement();
            Token t = peek();
            if (t.kind() != Token.Kind.END_OF_STATEMENT && t.kind() != Token.Kind.END) {
                throw new ExpressionException(t.line(), t.column(), "expected an operator or the end of the "
                        + "statement but found " + t.show());
            }
        }
        if (last == null) {
            Token t = peek();
            throw new ExpressionException(t.line(), t.column(), "the formula is empty");
        }
        return last;
    }

    private Node statement() {
        if (peek().kind() == Token.Kind.NAME && tokens.get(pos + 1).is("=")) {
            Token name = next();
            next();
            Node value = expr().node(this, name);
            Node named = value.name() == null && value.inputs().size() > 0 ? value.named(name.text()) : value;
            names.put(name.text(), named);
            statements.add(new Formula.Statement(name.text(), named, name.line(), name.column()));
            return named;
        }
        Token start = peek();
        Node value = expr().node(this, start);
        statements.add(new Formula.Statement(null, value, start.line(), start.column()));
        return value;
    }

    /** A parsed operand: a number not yet placed in the graph, or a node. */
    private record Operand(Double number, Node node) {
        Node node(FormulaParser p, Token at) {
            return node != null ? node : p.build(at, () -> p.graph.constant(number));
        }
    }

    /**
     * A sum of products of signed powers. Only parentheses and calls recurse (through {@link #primary}); chains of
     * operators, signs and exponents are loops, so each level of nesting costs three stack frames.
     */
    private Operand expr() {
        Operand sum = null;
        Token sumOp = null;
        while (true) {
            Operand product = signed();
            while (peek().is("*") || peek().is("/") || peek().is("@")) {
                Token op = next();
                product = arith(op, product, signed());
            }
            sum = sumOp == null ? product : arith(sumOp, sum, product);
            if (!peek().is("+") && !peek().is("-")) {
                return sum;
            }
            sumOp = next();
        }
    }

    /**
     * Signs and a chain of powers: {@code -x ** -y ** z} is {@code -(x ** (-(y ** z)))}, as in numpy. Each sign and
     * each {@code **} is a level of nesting.
     */
    private Operand signed() {
        int opened = 0;
        List<List<Token>> signs = new ArrayList<>(); // signs[k] apply to bases[k] ** (the rest)
        List<Operand> bases = new ArrayList<>();
        List<Token> powers = new ArrayList<>(); // powers[k - 1] stands between bases[k - 1] and bases[k]
        while (true) {
            List<Token> mine = new ArrayList<>();
            while (peek().is("-") || peek().is("+")) {
                Token sign = next();
                enter(sign);
                opened++;
                mine.add(sign);
            }
            signs.add(mine);
            bases.add(transposes(primary()));
            if (!peek().is("**")) {
                break;
            }
            Token op = next();
            enter(op);
            opened++;
            powers.add(op);
        }
        int last = bases.size() - 1;
        Operand x = bases.get(last);
        for (int k = last; k >= 1; k--) {
            x = pow(powers.get(k - 1), bases.get(k - 1), applySigns(signs.get(k), x));
        }
        x = applySigns(signs.get(0), x);
        nesting -= opened;
        return x;
    }

    /** @return x under the signs, the innermost (last) first */
    private Operand applySigns(List<Token> signs, Operand x) {
        for (int i = signs.size() - 1; i >= 0; i--) {
            Token op = signs.get(i);
            if (op.is("-")) {
                Operand v = x;
                x = v.number != null ? new Operand(-v.number, null)
                        : new Operand(null, build(op, () -> Ops.neg(v.node)));
            }
        }
        return x;
    }

    private Operand pow(Token op, Operand base, Operand exponent) {
        if (exponent.number == null) {
            throw new ExpressionException(op.line(), op.column(), "the exponent of ** must be a number");
        }
        if (base.number != null) {
            return new Operand(finite(op, Math.pow(base.number, exponent.number)), null);
        }
        return new Operand(null, build(op, () -> Ops.pow(base.node, exponent.number)));
    }

    /** @return x followed by any number of {@code .T} */
    private Operand transposes(Operand x) {
        while (peek().is(".")) {
            Token dot = next();
            Token t = next();
            if (t.kind() != Token.Kind.NAME || !t.text().equals("T")) {
                throw new ExpressionException(t.line(), t.column(), "expected 'T' after '.' but found " + t.show());
            }
            Node n = x.node(this, dot);
            x = new Operand(null, build(dot, () -> Ops.transpose(n)));
        }
        return x;
    }

    private Operand primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                double v;
                try {
                    v = Double.parseDouble(t.text());
                } catch (NumberFormatException e) {
                    throw new ExpressionException(t.line(), t.column(), "'" + t.text() + "' is not a number");
                }
                if (Double.isInfinite(v)) {
                    throw new ExpressionException(t.line(), t.column(), t.text()
                            + " is beyond float64's range (±1.8e308)");
                }
                return new Operand(v, null);
            case NAME:
                if (peek().is("(")) {
                    enter(t); // a call nests its arguments, as parentheses do
                    // an image call straight from here: one frame fewer per level, as deep as tanh( on a small stack
                    Node call = ImageCalls.isImageFunction(t.text()) ? ImageCalls.call(this, t) : Calls.call(this, t);
                    leave();
                    return new Operand(null, call);
                }
                return new Operand(null, name(t));
            default:
                if (t.is("(")) {
                    enter(t);
                    Operand inner = expr();
                    expect(")");
                    leave();
                    return inner;
                }
                throw new ExpressionException(t.line(), t.column(), "expected a number, a name or '(' but found "
                        + t.show());
        }
    }

    private Node name(Token t) {
        Node known = names.get(t.text());
        if (known != null) {
            return known;
        }
        if (Calls.isFunction(t.text())) {
            throw new ExpressionException(t.line(), t.column(), "'" + t.text() + "' is a function: write "
                    + t.text() + "(…)");
        }
        if (bound != null) {
            Node given = bound.get(t.text());
            if (given == null) {
                throw new ExpressionException(t.line(), t.column(), "unknown name '" + t.text() + "'; this formula "
                        + "can use " + String.join(", ", new java.util.TreeSet<>(bound.keySet()))
                        + " and the names it assigns");
            }
            names.put(t.text(), given);
            return given;
        }
        Node input = build(t, () -> graph.input(t.text(), shapes.getOrDefault(t.text(), defaultShape)));
        names.put(t.text(), input);
        return input;
    }

    private Operand arith(Token op, Operand a, Operand b) {
        String s = op.text();
        if (a.number != null && b.number != null && !s.equals("@")) {
            double x = a.number;
            double y = b.number;
            return new Operand(finite(op, s.equals("+") ? x + y : s.equals("-") ? x - y : s.equals("*") ? x * y
                    : x / y), null);
        }
        if (s.equals("@")) {
            Node l = a.node(this, op);
            Node r = b.node(this, op);
            return new Operand(null, build(op, () -> Ops.matmul(l, r)));
        }
        if (b.number != null) {
            double c = b.number;
            Node x = a.node;
            return new Operand(null, build(op, () -> s.equals("+") ? Ops.shift(x, c) : s.equals("-")
                    ? Ops.shift(x, -c) : s.equals("*") ? Ops.scale(x, c) : Ops.scale(x, 1.0 / c)));
        }
        if (a.number != null && !s.equals("/")) {
            double c = a.number;
            Node x = b.node;
            return new Operand(null, build(op, () -> s.equals("+") ? Ops.shift(x, c) : s.equals("-")
                    ? Ops.shift(Ops.neg(x), c) : Ops.scale(x, c)));
        }
        Node l = a.node(this, op);
        Node r = b.node(this, op);
        return new Operand(null, build(op, () -> s.equals("+") ? Ops.add(l, r) : s.equals("-") ? Ops.sub(l, r)
                : s.equals("*") ? Ops.mul(l, r) : Ops.div(l, r)));
    }

    /**
     * Counts one more level of nesting at {@code at}; the caller calls {@link #leave} when it closes. An error
     * unwinds the whole parse, so no level needs closing then.
     *
     * @throws ExpressionException past {@link #MAX_NESTING} levels
     */
    void enter(Token at) {
        if (++nesting > MAX_NESTING) {
            throw new ExpressionException(at.line(), at.column(), "nested deeper than " + MAX_NESTING + " levels");
        }
    }

    /** Closes the level {@link #enter} opened. */
    void leave() {
        nesting--;
    }

    /** @return {@code v}, a constant the formula's own arithmetic folded, when finite */
    private static double finite(Token op, double v) {
        if (!Double.isFinite(v)) {
            throw new ExpressionException(op.line(), op.column(), Double.isNaN(v)
                    ? "this constant arithmetic gives NaN (not a number)"
                    : "this constant arithmetic gives " + v + ", beyond float64's range (±1.8e308)");
        }
        return v;
    }

    /** Builds a node, turning a graph error into one at the token's line and column. */
    Node build(Token at, Supplier<Node> make) {
        try {
            return io.github.gradgraph.graph.CallSite.within("formula line " + at.line() + ", column " + at.column(),
                    make);
        } catch (GraphException | IllegalArgumentException e) {
            String msg = e.getMessage().replaceAll(" \\(at [^()]*\\)$", "");
            throw new ExpressionException(at.line(), at.column(), msg);
        }
    }

    Token nextToken() {
        return next();
    }

    Token peekToken() {
        return peek();
    }

    /** @return the token {@code ahead} places after the next one, or the last (the end) past it */
    Token peekToken(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    Node argument() {
        Token start = peek();
        return expr().node(this, start);
    }

    Double numberArgument(String what) {
        Token start = peek();
        Operand o = expr();
        if (o.number == null) {
            throw new ExpressionException(start.line(), start.column(), what + " must be a number");
        }
        return o.number;
    }

    void expectSymbol(String s) {
        expect(s);
    }
}
