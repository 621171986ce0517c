package io.github.gradgraph.graph.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Primitive;
import io.github.gradgraph.graph.ops.Div;
import io.github.gradgraph.graph.ops.Elu;
import io.github.gradgraph.graph.ops.Gelu;
import io.github.gradgraph.graph.ops.GeluTanh;
import io.github.gradgraph.graph.ops.MatMul;
import io.github.gradgraph.graph.ops.Mul;
import io.github.gradgraph.graph.ops.NormalCdf;
import io.github.gradgraph.graph.ops.Silu;
import io.github.gradgraph.graph.ops.Softplus;
import org.junit.jupiter.api.Test;

/**
 * {@link PrimitiveCheck} on gradgraph's own primitives, broadcasting and matrix products included: a checker that
 * failed right rules would be as useless as one that passed wrong ones.
 */
class PrimitiveCheckOnBuiltInsTest {
    private static void passes(Primitive op, Shape a, Shape b) {
        PrimitiveCheck c = PrimitiveCheck.of(op).input(a, -3, 3).trials(6).seed(11);
        if (b != null) {
            c = c.input(b, 0.5, 2);
        }
        PrimitiveCheckReport r = c.run();
        assertTrue(r.passed(), r::table);
        assertTrue(r.rows().stream().allMatch(row -> row.checked() > 0), r::table);
    }

    @Test
    void theActivations_pass() {
        for (Primitive op : new Primitive[] {new Gelu(), new GeluTanh(), new Silu(), new NormalCdf(), new Softplus()}) {
            passes(op, Shape.of(3, 5), null);
        }
        passes(new Elu(1), Shape.of(3, 5), null); // kinks at 0 only in the second order, and none drawn there
    }

    @Test
    void broadcastingAndMatrixProducts_pass() {
        passes(new Mul(), Shape.of(3, 5), Shape.of(3, 1));
        passes(new Div(), Shape.of(3, 5), Shape.of(1, 5));
        passes(new MatMul(false, true), Shape.of(3, 4), Shape.of(5, 4));
    }
}
