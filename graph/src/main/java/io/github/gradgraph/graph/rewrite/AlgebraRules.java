package io.github.gradgraph.graph.rewrite;

import static io.github.gradgraph.graph.rewrite.Patterns.arg;
import static io.github.gradgraph.graph.rewrite.Patterns.is;
import static io.github.gradgraph.graph.rewrite.Patterns.isValue;
import static io.github.gradgraph.graph.rewrite.Patterns.keepsShape;
import static io.github.gradgraph.graph.rewrite.Patterns.uniform;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Add;
import io.github.gradgraph.graph.ops.Div;
import io.github.gradgraph.graph.ops.Mul;
import io.github.gradgraph.graph.ops.Neg;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.graph.ops.Scale;
import io.github.gradgraph.graph.ops.Shift;
import io.github.gradgraph.graph.ops.Sub;
import java.util.List;

/** Algebraic identities: neutral and absorbing elements, constants as scale and shift, and signs moved outward. */
final class AlgebraRules {
    private AlgebraRules() {
    }

    static final List<Rule> RULES = List.of(
        Rule.of("x⊙1 → x", n -> !is(n, Mul.class) ? null
                : isValue(n.input(1), 1) && keepsShape(n.input(0), n.input(1)) ? n.input(0)
                : isValue(n.input(0), 1) && keepsShape(n.input(1), n.input(0)) ? n.input(1) : null),
        Rule.of("x⊙0 → 0", n -> is(n, Mul.class) && (isValue(n.input(0), 0) || isValue(n.input(1), 0))
                ? Ops.fill(n.graph(), n.shape(), 0.0) : null),
        Rule.of("x+0 → x", n -> (is(n, Add.class) || is(n, Sub.class)) && isValue(n.input(1), 0)
                && keepsShape(n.input(0), n.input(1)) ? n.input(0)
                : is(n, Add.class) && isValue(n.input(0), 0) && keepsShape(n.input(1), n.input(0)) ? n.input(1)
                : null),
        Rule.of("0−x → −x", n -> is(n, Sub.class) && isValue(n.input(0), 0) && keepsShape(n.input(1), n.input(0))
                ? Ops.neg(n.input(1)) : null),
        Rule.of("x⊘1 → x", n -> is(n, Div.class) && isValue(n.input(1), 1) && keepsShape(n.input(0), n.input(1))
                ? n.input(0) : null),
        Rule.of("−(−x) → x", n -> arg(n, Neg.class, 0) != null && is(n.input(0), Neg.class)
                ? n.input(0).input(0) : null),
        Rule.of("1·x → x", n -> is(n, Scale.class) && ((Scale) n.op()).factor() == 1 ? n.input(0) : null),
        Rule.of("−1·x → −x", n -> is(n, Scale.class) && ((Scale) n.op()).factor() == -1 ? Ops.neg(n.input(0))
                : null),
        Rule.of("0·x → 0", n -> is(n, Scale.class) && ((Scale) n.op()).factor() == 0
                ? Ops.fill(n.graph(), n.shape(), 0.0) : null),
        Rule.of("x+0 (shift) → x", n -> is(n, Shift.class) && ((Shift) n.op()).offset() == 0 ? n.input(0) : null),
        Rule.of("c·(d·x) → (cd)·x", n -> is(n, Scale.class) && is(n.input(0), Scale.class)
                ? Ops.scale(n.input(0).input(0), ((Scale) n.op()).factor() * ((Scale) n.input(0).op()).factor())
                : null),
        Rule.of("(x+c)+d → x+(c+d)", n -> is(n, Shift.class) && is(n.input(0), Shift.class)
                ? Ops.shift(n.input(0).input(0), ((Shift) n.op()).offset() + ((Shift) n.input(0).op()).offset())
                : null),
        Rule.of("x⊙c → c·x", n -> {
            if (!is(n, Mul.class)) {
                return null;
            }
            for (int i = 0; i < 2; i++) {
                Node c = n.input(i);
                Node x = n.input(1 - i);
                if (uniform(c) != null && keepsShape(x, c)) {
                    return Ops.scale(x, uniform(c));
                }
            }
            return null;
        }),
        Rule.of("x⊘c → (1/c)·x", n -> is(n, Div.class) && uniform(n.input(1)) != null
                && keepsShape(n.input(0), n.input(1)) && uniform(n.input(1)) != 0
                ? Ops.scale(n.input(0), 1.0 / uniform(n.input(1))) : null),
        Rule.of("x+c → shift", n -> {
            if (is(n, Add.class)) {
                for (int i = 0; i < 2; i++) {
                    if (uniform(n.input(i)) != null && keepsShape(n.input(1 - i), n.input(i))) {
                        return Ops.shift(n.input(1 - i), uniform(n.input(i)));
                    }
                }
            }
            if (is(n, Sub.class) && uniform(n.input(1)) != null && keepsShape(n.input(0), n.input(1))) {
                return Ops.shift(n.input(0), -uniform(n.input(1)));
            }
            if (is(n, Sub.class) && uniform(n.input(0)) != null && keepsShape(n.input(1), n.input(0))) {
                return Ops.shift(Ops.neg(n.input(1)), uniform(n.input(0)));
            }
            return null;
        }),
        Rule.of("a+(−b) → a−b", n -> is(n, Add.class) && is(n.input(1), Neg.class)
                ? Ops.sub(n.input(0), n.input(1).input(0))
                : is(n, Add.class) && is(n.input(0), Neg.class) ? Ops.sub(n.input(1), n.input(0).input(0)) : null),
        Rule.of("a−(−b) → a+b", n -> is(n, Sub.class) && is(n.input(1), Neg.class)
                ? Ops.add(n.input(0), n.input(1).input(0)) : null),
        Rule.of("(−a)−b → −(a+b)", n -> is(n, Sub.class) && is(n.input(0), Neg.class)
                ? Ops.neg(Ops.add(n.input(0).input(0), n.input(1))) : null),
        Rule.of("−(a−b) → b−a", n -> is(n, Neg.class) && is(n.input(0), Sub.class)
                ? Ops.sub(n.input(0).input(1), n.input(0).input(0)) : null),
        Rule.of("(−a)⊙b → −(a⊙b)", n -> (is(n, Mul.class) || is(n, Div.class))
                && (is(n.input(0), Neg.class) || is(n.input(1), Neg.class)) ? negOut(n) : null),
        Rule.of("c·(−x) → (−c)·x", n -> is(n, Scale.class) && is(n.input(0), Neg.class)
                ? Ops.scale(n.input(0).input(0), -((Scale) n.op()).factor()) : null),
        Rule.of("−(c·x) → (−c)·x", n -> is(n, Neg.class) && is(n.input(0), Scale.class)
                ? Ops.scale(n.input(0).input(0), -((Scale) n.input(0).op()).factor()) : null),
        Rule.of("x⊙x → x²", n -> is(n, Mul.class) && n.input(0) == n.input(1) ? Ops.pow(n.input(0), 2.0) : null));

    private static Node negOut(Node n) {
        Node a = is(n.input(0), Neg.class) ? n.input(0).input(0) : n.input(0);
        Node b = is(n.input(1), Neg.class) ? n.input(1).input(0) : n.input(1);
        boolean flip = is(n.input(0), Neg.class) ^ is(n.input(1), Neg.class);
        Node inner = is(n, Mul.class) ? Ops.mul(a, b) : Ops.div(a, b);
        return flip ? Ops.neg(inner) : inner;
    }
}
