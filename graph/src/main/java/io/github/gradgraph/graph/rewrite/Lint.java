package io.github.gradgraph.graph.rewrite;

import static io.github.gradgraph.graph.rewrite.Patterns.is;
import static io.github.gradgraph.graph.rewrite.Patterns.uniform;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.ops.Abs;
import io.github.gradgraph.graph.ops.Add;
import io.github.gradgraph.graph.ops.Exp;
import io.github.gradgraph.graph.ops.Log;
import io.github.gradgraph.graph.ops.Max;
import io.github.gradgraph.graph.ops.Neg;
import io.github.gradgraph.graph.ops.Pow;
import io.github.gradgraph.graph.ops.Relu;
import io.github.gradgraph.graph.ops.Scale;
import io.github.gradgraph.graph.ops.Shift;
import io.github.gradgraph.graph.ops.Sigmoid;
import io.github.gradgraph.graph.ops.Softplus;
import io.github.gradgraph.graph.ops.StopGradient;
import io.github.gradgraph.graph.ops.Sub;
import io.github.gradgraph.graph.ops.Sum;
import io.github.gradgraph.graph.ops.Tanh;
import java.util.ArrayList;
import java.util.List;

/**
 * Warnings about a loss that is numerically unsafe even after rewriting: a log of something that can reach 0 (or
 * below) and an exp of something unbounded above. A conservative sign and bound analysis: what it cannot prove safe,
 * it reports.
 */
public final class Lint {
    private Lint() {
    }

    /** @return one warning per unsafe log or exp that {@code j} needs, naming the node and its call site */
    public static List<String> check(Node j) {
        List<String> warnings = new ArrayList<>();
        for (Node n : Compiler.compileAsWritten(j).steps()) {
            if (is(n, Log.class) && !positive(n.input(0))) {
                warnings.add("log of " + n.input(0).describe() + " (at " + n.site() + "), which can reach 0: "
                        + "its derivative 1/x is then infinite");
            }
            if (is(n, Exp.class) && !boundedAbove(n.input(0))) {
                warnings.add("exp of " + n.input(0).describe() + " (at " + n.site() + "), which is unbounded above: "
                        + "exp overflows past 709");
            }
        }
        return warnings;
    }

    /** @return true when every value of n is provably ≥ 0 (a loop down a chain of sums, shifts and scales) */
    static boolean nonNegative(Node n) {
        while (true) {
            Double c = uniform(n);
            if (c != null) {
                return c >= 0;
            }
            if (is(n, Abs.class) || is(n, Relu.class) || is(n, Exp.class) || is(n, Softplus.class)
                    || is(n, Sigmoid.class) || is(n, Pow.class) && ((Pow) n.op()).exponent() % 2 == 0) {
                return true;
            }
            if (!(is(n, Sum.class) || is(n, Shift.class) && ((Shift) n.op()).offset() >= 0
                    || is(n, Scale.class) && ((Scale) n.op()).factor() >= 0)) {
                return false;
            }
            n = n.input(0);
        }
    }

    /** @return true when every value of n is provably &gt; 0 by a margin no rounding removes */
    static boolean positive(Node n) {
        Double c = uniform(n);
        if (c != null) {
            return c > 0;
        }
        if (is(n, Shift.class)) {
            return ((Shift) n.op()).offset() > 0 && nonNegative(n.input(0));
        }
        // Σ exp(x − max x) ≥ 1: the shifted sum inside a stable log-sum-exp.
        return is(n, Sum.class) && is(n.input(0), Exp.class) && is(n.input(0).input(0), Sub.class)
                && is(n.input(0).input(0).input(1), StopGradient.class)
                && is(n.input(0).input(0).input(1).input(0), Max.class);
    }

    /**
     * @return true for x − (c + log Σrows exp(x − c)) with c = stop_gradient(max_rows(x)), log_softmax(x) as the
     *     engine builds it: ≤ 0, since the sum is ≥ 1, so its exp (softmax) is ≤ 1
     */
    private static boolean logSoftmax(Node n) {
        if (!is(n, Sub.class) || !is(n.input(1), Add.class)) {
            return false;
        }
        Node c = n.input(1).input(0);
        Node log = n.input(1).input(1);
        return is(c, StopGradient.class) && is(c.input(0), Max.class) && c.input(0).input(0) == n.input(0)
                && is(log, Log.class) && positive(log.input(0));
    }

    /** @return true when every value of n is provably below some modest bound (a loop down shifts and scales) */
    static boolean boundedAbove(Node n) {
        while (true) {
            Double c = uniform(n);
            if (c != null) {
                return c < 700;
            }
            if (is(n, Neg.class)) {
                return nonNegative(n.input(0));
            }
            if (is(n, Tanh.class) || is(n, Sigmoid.class)) {
                return true;
            }
            if (is(n, Sub.class) && is(n.input(1), StopGradient.class) && is(n.input(1).input(0), Max.class)) {
                return n.input(1).input(0).input(0) == n.input(0);
            }
            if (logSoftmax(n)) {
                return true;
            }
            if (is(n, Scale.class) && ((Scale) n.op()).factor() < 0) {
                return nonNegative(n.input(0));
            }
            if (!is(n, Scale.class) && !is(n, Shift.class)) {
                return false;
            }
            n = n.input(0);
        }
    }
}
