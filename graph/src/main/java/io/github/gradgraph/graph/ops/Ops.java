package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.CallSite;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Primitive;

/**
 * The primitives as functions on nodes: each call adds one node to the operands' graph, with its shape checked
 * there and then. Use with {@code import static io.github.gradgraph.graph.ops.Ops.*}.
 *
 * <pre>{@code
 * Node Z1 = add(matmul(W1, X), b1);   // W1·X + b1, b1 (n×1) broadcast over the m columns
 * Node A1 = tanh(Z1);
 * }</pre>
 */
public final class Ops {
    private Ops() {
    }

    /** @return a + b, broadcast */
    public static Node add(Node a, Node b) {
        return apply(new Add(), a, b);
    }

    /** @return a − b, broadcast */
    public static Node sub(Node a, Node b) {
        return apply(new Sub(), a, b);
    }

    /** @return a ⊙ b, elementwise, broadcast */
    public static Node mul(Node a, Node b) {
        return apply(new Mul(), a, b);
    }

    /** @return a ⊘ b, elementwise, broadcast */
    public static Node div(Node a, Node b) {
        return apply(new Div(), a, b);
    }

    /** @return −x */
    public static Node neg(Node x) {
        return apply(new Neg(), x);
    }

    /** @return c·x for a constant c */
    public static Node scale(Node x, double c) {
        return apply(new Scale(c), x);
    }

    /** @return x + c for a constant c */
    public static Node shift(Node x, double c) {
        return apply(new Shift(c), x);
    }

    /** @return 1 − x */
    public static Node oneMinus(Node x) {
        return shift(neg(x), 1.0).asComposite("oneMinus");
    }

    /** @return eˣ */
    public static Node exp(Node x) {
        return apply(new Exp(), x);
    }

    /** @return ln x */
    public static Node log(Node x) {
        return apply(new Log(), x);
    }

    /** @return √x */
    public static Node sqrt(Node x) {
        return apply(new Sqrt(), x);
    }

    /** @return xᵖ for a constant exponent p */
    public static Node pow(Node x, double p) {
        return apply(new Pow(p), x);
    }

    /** @return |x| */
    public static Node abs(Node x) {
        return apply(new Abs(), x);
    }

    /** @return sign(x) ∈ {−1, 0, 1} */
    public static Node sign(Node x) {
        return apply(new Sign(), x);
    }

    /** @return tanh x */
    public static Node tanh(Node x) {
        return apply(new Tanh(), x);
    }

    /** @return σ(x) */
    public static Node sigmoid(Node x) {
        return apply(new Sigmoid(), x);
    }

    /** @return ln(1 + eˣ) */
    public static Node softplus(Node x) {
        return apply(new Softplus(), x);
    }

    /** @return GELU(x) = x·Φ(x), Φ the standard normal CDF */
    public static Node gelu(Node x) {
        return apply(new Gelu(), x);
    }

    /** @return the tanh approximation of GELU, ½x(1 + tanh(√(2/π)(x + 0.044715x³))) */
    public static Node geluTanh(Node x) {
        return apply(new GeluTanh(), x);
    }

    /** @return SiLU(x) = x·σ(x) */
    public static Node silu(Node x) {
        return apply(new Silu(), x);
    }

    /** @return ELU(x) = x where x &gt; 0, α·(eˣ − 1) elsewhere */
    public static Node elu(Node x, double alpha) {
        return apply(new Elu(alpha), x);
    }

    /** @return GELU′(x) = Φ(x) + x·φ(x), in one pass */
    public static Node geluDerivative(Node x) {
        return apply(new GeluDerivative(), x);
    }

    /** @return SiLU′(x) = σ(x)·(1 + x·(1 − σ(x))), in one pass */
    public static Node siluDerivative(Node x) {
        return apply(new SiluDerivative(), x);
    }

    /** @return Φ(x), the standard normal CDF */
    public static Node normalCdf(Node x) {
        return apply(new NormalCdf(), x);
    }

    /** @return max(x, 0) */
    public static Node relu(Node x) {
        return apply(new Relu(), x);
    }

    /** @return x where x &gt; 0, α·x elsewhere */
    public static Node leakyRelu(Node x, double alpha) {
        return apply(new LeakyRelu(alpha), x);
    }

    /** @return the indicator 1[x &gt; 0] */
    public static Node step(Node x) {
        return step(x, 0.0, 1.0);
    }

    /** @return {@code above} where x &gt; 0, {@code below} elsewhere */
    public static Node step(Node x, double below, double above) {
        return apply(new Step(below, above), x);
    }

    /** @return x in value, with no gradient flowing through */
    public static Node stopGradient(Node x) {
        return apply(new StopGradient(), x);
    }

    /** @return xᵀ */
    public static Node transpose(Node x) {
        return apply(new Transpose(), x);
    }

    /** @return a·b */
    public static Node matmul(Node a, Node b) {
        return matmul(a, b, false, false);
    }

    /** @return op(a)·op(b), each transposed when its flag is set, with no transpose materialized */
    public static Node matmul(Node a, Node b, boolean transA, boolean transB) {
        return apply(new MatMul(transA, transB), a, b);
    }

    /** @return the sum of every element, 1×1 */
    public static Node sum(Node x) {
        return apply(new Sum(Axes.ALL), x);
    }

    /** @return the sum along an axis, kept 2-D: axis 0 over rows → 1×m, axis 1 over columns → n×1 */
    public static Node sum(Node x, int axis) {
        if (axis == Axes.ALL) {
            throw new IllegalArgumentException("axis must be 0 (over rows) or 1 (over columns), got " + axis);
        }
        return apply(new Sum(axis), x);
    }

    /** @return the maximum along an axis: axis 0 over rows → 1×m, axis 1 over columns → n×1 */
    public static Node max(Node x, int axis) {
        return apply(new Max(axis), x);
    }

    /** @return the one-hot mask of the first arg-max along an axis, of x's shape */
    public static Node argMaxMask(Node x, int axis) {
        return apply(new ArgMaxMask(axis), x);
    }

    /** @return x broadcast to {@code shape} */
    public static Node broadcastTo(Node x, Shape shape) {
        return apply(new BroadcastTo(shape), x);
    }

    /** @return the number of elements {@code sum(x)} adds, 1×1 */
    public static Node size(Node x) {
        return apply(new Size(Axes.ALL), x);
    }

    /** @return the number of elements {@code sum(x, axis)} adds per result, 1×1 (the batch size m for axis 1) */
    public static Node size(Node x, int axis) {
        return apply(new Size(axis), x);
    }

    /** @return a matrix of {@code shape} with every element {@code value} */
    public static Node fill(Graph g, Shape shape, double value) {
        return g.apply(new Fill(shape, value));
    }

    private static Node apply(Primitive op, Node... operands) {
        if (operands[0] == null) {
            throw new GraphException(op.name() + ": operand 1 is null (at " + CallSite.capture() + ")");
        }
        return operands[0].graph().apply(op, operands);
    }
}
