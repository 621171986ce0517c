package io.github.gradgraph.graph.rewrite;

import static io.github.gradgraph.graph.rewrite.Patterns.is;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Add;
import io.github.gradgraph.graph.ops.Exp;
import io.github.gradgraph.graph.ops.Log;
import io.github.gradgraph.graph.ops.Mul;
import io.github.gradgraph.graph.ops.Neg;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.graph.ops.Shift;
import io.github.gradgraph.graph.ops.Sigmoid;
import io.github.gradgraph.graph.ops.Softplus;
import java.util.List;

/**
 * Numerically unsafe forms replaced by stable equals: the log of a sigmoid (−∞ once σ underflows), the log of a
 * softmax (through log∘exp), and binary cross-entropy on σ(z), which becomes the from-logits form
 * softplus(z) − y⊙z, whose derivative in z simplifies to σ(z) − y.
 */
final class StabilizationRules {
    private StabilizationRules() {
    }

    static final List<Rule> RULES = List.of(
        Rule.of("log(exp(x)) → x", n -> is(n, Log.class) && is(n.input(0), Exp.class) ? n.input(0).input(0) : null),
        Rule.of("log(σ(x)) → −softplus(−x)", n -> is(n, Log.class) && is(n.input(0), Sigmoid.class)
                ? Ops.neg(Ops.softplus(Ops.neg(n.input(0).input(0)))) : null),
        Rule.of("log(1 − σ(x)) → −softplus(x)", n -> {
            Node s = is(n, Log.class) ? oneMinus(n.input(0)) : null;
            return s != null && is(s, Sigmoid.class) ? Ops.neg(Ops.softplus(s.input(0))) : null;
        }),
        Rule.of("y⊙softplus(−z) + (1 − y)⊙softplus(z) → softplus(z) − y⊙z", n -> {
            if (!is(n, Add.class)) {
                return null;
            }
            for (int i = 0; i < 2; i++) {
                Node a = n.input(i);
                Node b = n.input(1 - i);
                if (!is(a, Mul.class) || !is(b, Mul.class)) {
                    continue;
                }
                for (int p = 0; p < 2; p++) {
                    for (int q = 0; q < 2; q++) {
                        Node y = a.input(p);
                        Node spNeg = a.input(1 - p);
                        Node oneMinusY = oneMinus(b.input(q));
                        Node sp = b.input(1 - q);
                        if (oneMinusY == y && is(spNeg, Softplus.class) && is(spNeg.input(0), Neg.class)
                                && is(sp, Softplus.class) && spNeg.input(0).input(0) == sp.input(0)) {
                            Node z = sp.input(0);
                            Node result = Ops.sub(sp, Ops.mul(y, z));
                            return result.shape().equals(n.shape()) ? result : null;
                        }
                    }
                }
            }
            return null;
        }));

    /** @return x when {@code n} is 1 − x in the canonical form shift(−x, 1), else null */
    private static Node oneMinus(Node n) {
        return is(n, Shift.class) && ((Shift) n.op()).offset() == 1 && is(n.input(0), Neg.class)
                ? n.input(0).input(0) : null;
    }
}
