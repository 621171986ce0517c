package io.github.gradgraph.graph.rewrite;

import static io.github.gradgraph.graph.rewrite.Patterns.is;
import static io.github.gradgraph.graph.rewrite.Patterns.scalar;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Add;
import io.github.gradgraph.graph.ops.BroadcastTo;
import io.github.gradgraph.graph.ops.Div;
import io.github.gradgraph.graph.ops.MatMul;
import io.github.gradgraph.graph.ops.Mul;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.graph.ops.Scale;
import io.github.gradgraph.graph.ops.Sub;
import io.github.gradgraph.graph.ops.Sum;
import io.github.gradgraph.graph.ops.Transpose;
import java.util.List;

/**
 * Scalar factors moved outward through linear operations and common factors pulled out of sums: what turns the
 * derived ∂J/∂W = ((1/m)·G)·Aᵀ into the textbook's (1/m)·dZ·Aᵀ.
 */
final class HoistingRules {
    private HoistingRules() {
    }

    static final List<Rule> RULES = List.of(
        Rule.of("(a⊘s)∘b → (a∘b)⊘s for a scalar s", n -> {
            if (!(is(n, Mul.class) || is(n, MatMul.class))) {
                return null;
            }
            for (int i = 0; i < 2; i++) {
                Node d = n.input(i);
                if (is(d, Div.class) && scalar(d.input(1))) {
                    Node[] in = {n.input(0), n.input(1)};
                    in[i] = d.input(0);
                    Node inner = n.graph().apply(n.op(), in);
                    return inner.shape().equals(n.shape()) ? Ops.div(inner, d.input(1)) : null;
                }
            }
            return null;
        }),
        Rule.of("f(a⊘s) → f(a)⊘s for linear f and a scalar s", n -> {
            if (!(is(n, Sum.class) || is(n, Transpose.class) || is(n, BroadcastTo.class))) {
                return null;
            }
            Node d = n.input(0);
            return is(d, Div.class) && scalar(d.input(1))
                    ? Ops.div(n.graph().apply(n.op(), d.input(0)), d.input(1)) : null;
        }),
        Rule.of("(c·a)∘b → c·(a∘b)", n -> {
            if (is(n, Mul.class) || is(n, MatMul.class) || is(n, Div.class)) {
                for (int i = 0; i < (is(n, Div.class) ? 1 : 2); i++) {
                    Node s = n.input(i);
                    if (is(s, Scale.class)) {
                        Node[] in = {n.input(0), n.input(1)};
                        in[i] = s.input(0);
                        return Ops.scale(n.graph().apply(n.op(), in), ((Scale) s.op()).factor());
                    }
                }
            }
            if ((is(n, Sum.class) || is(n, Transpose.class) || is(n, BroadcastTo.class)) && is(n.input(0), Scale.class)) {
                return Ops.scale(n.graph().apply(n.op(), n.input(0).input(0)), ((Scale) n.input(0).op()).factor());
            }
            return null;
        }),
        Rule.of("a⊙b ± a⊙c → a⊙(b ± c)", n -> {
            if (!(is(n, Add.class) || is(n, Sub.class)) || !is(n.input(0), Mul.class) || !is(n.input(1), Mul.class)) {
                return null;
            }
            Node l = n.input(0);
            Node r = n.input(1);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    if (l.input(i) == r.input(j)) {
                        Node rest = n.graph().apply(n.op(), l.input(1 - i), r.input(1 - j));
                        return Ops.mul(l.input(i), rest);
                    }
                }
            }
            return null;
        }),
        Rule.of("−f(a−b) → f(b−a) for linear f", n -> {
            if (!is(n, io.github.gradgraph.graph.ops.Neg.class)) {
                return null;
            }
            Node swapped = swapSub(n.input(0));
            return swapped;
        }),
        Rule.of("a⊘s ± b⊘s → (a ± b)⊘s", n -> (is(n, Add.class) || is(n, Sub.class)) && is(n.input(0), Div.class)
                && is(n.input(1), Div.class) && n.input(0).input(1) == n.input(1).input(1)
                ? Ops.div(n.graph().apply(n.op(), n.input(0).input(0), n.input(1).input(0)), n.input(0).input(1))
                : null));

    /** @return f(b − a) for x = f(a − b), f a chain of sums, scalar divisions, scalings and transposes; else null */
    private static Node swapSub(Node x) {
        if (is(x, Sub.class)) {
            return Ops.sub(x.input(1), x.input(0));
        }
        boolean linear = is(x, Sum.class) || is(x, Transpose.class) || is(x, Scale.class)
                || is(x, BroadcastTo.class) || is(x, Div.class) && scalar(x.input(1));
        if (!linear) {
            return null;
        }
        Node inner = swapSub(x.input(0));
        if (inner == null) {
            return null;
        }
        return is(x, Div.class) ? Ops.div(inner, x.input(1)) : x.graph().apply(x.op(), inner);
    }
}
