package io.github.gradgraph.graph.print;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.Add;
import io.github.gradgraph.graph.ops.Div;
import io.github.gradgraph.graph.ops.Exp;
import io.github.gradgraph.graph.ops.Fill;
import io.github.gradgraph.graph.ops.Log;
import io.github.gradgraph.graph.ops.Max;
import io.github.gradgraph.graph.ops.Mul;
import io.github.gradgraph.graph.ops.StopGradient;
import io.github.gradgraph.graph.ops.Sub;
import io.github.gradgraph.graph.ops.Sum;

/**
 * Recognizes the stable forms the engine computes softmax in, so that derivations print what they mean: with
 * S = x − stop_gradient(max_rows(x)) and L = c + log Σrows exp(S), the forms exp(x − L) and exp(S) ⊘ Σrows exp(S)
 * are softmax(x), u ⊘ Σrows exp(S) ⊙ exp(S) is u ⊙ softmax(x), x − L is log softmax(x), and L is logsumexp(x).
 * Display only: nothing is computed differently.
 */
final class SoftmaxForms {
    private SoftmaxForms() {
    }

    /** @return x for S = x − stop_gradient(max_rows(x)), else null */
    static Node shifted(Node s) {
        if (s.op() instanceof Sub && s.input(1).op() instanceof StopGradient
                && s.input(1).input(0).op() instanceof Max m && m.axis() == 0
                && s.input(1).input(0).input(0) == s.input(0)) {
            return s.input(0);
        }
        return null;
    }

    /** @return x for L = stop_gradient(max_rows(x)) + log Σrows exp(x − stop_gradient(max_rows(x))), else null */
    static Node logSumExp(Node l) {
        if (l.op() instanceof Add && l.input(1).op() instanceof Log && l.input(1).input(0).op() instanceof Sum sum
                && sum.axis() == 0 && l.input(1).input(0).input(0).op() instanceof Exp) {
            Node x = shifted(l.input(1).input(0).input(0).input(0));
            return x != null && l.input(0) == l.input(1).input(0).input(0).input(0).input(1) ? x : null;
        }
        return null;
    }

    /** @return x for x − logsumexp(x), else null */
    static Node logSoftmax(Node n) {
        return n.op() instanceof Sub && logSumExp(n.input(1)) == n.input(0) ? n.input(0) : null;
    }

    /** @return x when n is softmax(x) in one of its computed forms, else null */
    static Node softmax(Node n) {
        if (n.op() instanceof Exp) {
            return logSoftmax(n.input(0));
        }
        if (n.op() instanceof Div && n.input(0).op() instanceof Exp && isSumOf(n.input(1), n.input(0))) {
            return shifted(n.input(0).input(0));
        }
        return null;
    }

    /**
     * @return {u, x} when n is u ⊘ Σrows exp(S) ⊙ exp(S), that is u ⊙ softmax(x) (u is null when it is the constant
     *     1), else null
     */
    static Node[] scaledSoftmax(Node n) {
        if (n.op() instanceof Mul && n.input(1).op() instanceof Exp && n.input(0).op() instanceof Div
                && isSumOf(n.input(0).input(1), n.input(1))) {
            Node x = shifted(n.input(1).input(0));
            Node u = n.input(0).input(0);
            boolean one = u.op() instanceof Fill f && f.value() == 1;
            return x == null ? null : new Node[] {one ? null : u, x};
        }
        return null;
    }

    private static boolean isSumOf(Node sum, Node of) {
        return sum.op() instanceof Sum s && s.axis() == 0 && sum.input(0) == of;
    }
}
