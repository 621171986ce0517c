package io.github.gradgraph.graph.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Primitive;
import io.github.gradgraph.graph.ShapeException;
import io.github.gradgraph.graph.ops.Ops;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link PrimitiveCheck} passes a right primitive, and fails — naming what — one whose VJP is wrong at first order,
 * one right at first order but wrong at second, and kernels that break their contract.
 */
public class PrimitiveCheckTest {
    /** @return a right logaddexp, for other tests */
    public static Primitive logAddExp() {
        return new LogAddExp(Rule.RIGHT);
    }

    /** How the VJP of {@link LogAddExp} is written. */
    enum Rule { RIGHT, WRONG_FIRST_ORDER, WRONG_SECOND_ORDER }

    /** numpy's logaddexp, log(eᵃ + eᵇ), elementwise on equal shapes. ∂/∂a = σ(a − b), ∂/∂b = σ(b − a). */
    record LogAddExp(Rule rule) implements Primitive {
        @Override
        public String name() {
            return "logaddexp";
        }

        @Override
        public int arity() {
            return 2;
        }

        @Override
        public Shape inferShape(List<Node> in) {
            if (!in.get(0).shape().equals(in.get(1).shape())) {
                throw new ShapeException("logaddexp needs equal shapes, got " + in.get(0).shape() + " and "
                        + in.get(1).shape());
            }
            return in.get(0).shape();
        }

        @Override
        public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
            for (int i = 0; i < out.data.length; i++) {
                double a = in[0].data[i];
                double b = in[1].data[i];
                out.data[i] = Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
            }
        }

        @Override
        public Node[] vjp(Node out, Node g) {
            Node d = Ops.sub(out.input(0), out.input(1));
            Node sa = Ops.sigmoid(d);
            switch (rule) {
                case WRONG_FIRST_ORDER: return new Node[] {Ops.mul(g, Ops.sigmoid(Ops.neg(d))), Ops.mul(g, Ops.oneMinus(sa))};
                case WRONG_SECOND_ORDER: sa = Ops.stopGradient(sa); break; // right values, no curvature
                default: break;
            }
            return new Node[] {Ops.mul(g, sa), Ops.mul(g, Ops.oneMinus(sa))};
        }
    }

    private static PrimitiveCheck check(Primitive op) {
        return PrimitiveCheck.of(op).input(Shape.of(3, 4), -3, 3).input(Shape.of(3, 4), -3, 3).trials(8).seed(7);
    }

    @Test
    void run_rightPrimitive_passesBothOrders_comparingEveryEntry() {
        PrimitiveCheckReport r = check(new LogAddExp(Rule.RIGHT)).run();
        assertTrue(r.passed(), r::table);
        assertEquals(4, r.rows().size(), r::table);
        for (PrimitiveCheckReport.Row row : r.rows()) {
            assertEquals(8 * 12, row.checked(), r::table);
            assertTrue(row.worstRelative() < 1e-8, r::table);
        }
        assertTrue(r.table().contains("primitive check of logaddexp passed (8 random points, seed 7; VJP against "
                + "central differences, first and second order)"), r::table);
    }

    @Test
    void run_wrongVjp_failsFirstOrder() {
        PrimitiveCheckReport r = check(new LogAddExp(Rule.WRONG_FIRST_ORDER)).run();
        assertFalse(r.passed(), r::table);
        assertEquals("FAIL", r.row(1, 0).result(), r::table);
        assertEquals(8, r.row(1, 0).failedTrials(), r::table);
        assertEquals("pass", r.row(1, 1).result(), r::table);
        assertTrue(r.table().contains("primitive check of logaddexp FAILED"), r::table);
    }

    @Test
    void run_vjpRightOnlyAtFirstOrder_failsSecondOrder_andPassesWhenOnlyFirstIsAsked() {
        PrimitiveCheckReport r = check(new LogAddExp(Rule.WRONG_SECOND_ORDER)).run();
        assertFalse(r.passed(), r::table);
        assertEquals("pass", r.row(1, 0).result(), r::table);
        assertEquals("FAIL", r.row(2, 0).result(), r::table);
        PrimitiveCheckReport first = check(new LogAddExp(Rule.WRONG_SECOND_ORDER)).firstOrderOnly().run();
        assertTrue(first.passed(), first::table);
        assertEquals(2, first.rows().size());
    }

    /** Scales by 2 but accumulates into its output instead of writing it. */
    record Accumulates() implements Primitive {
        @Override
        public String name() {
            return "accumulates";
        }

        @Override
        public int arity() {
            return 1;
        }

        @Override
        public Shape inferShape(List<Node> in) {
            return in.get(0).shape();
        }

        @Override
        public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
            for (int i = 0; i < out.data.length; i++) {
                out.data[i] += 2 * in[0].data[i];
            }
        }

        @Override
        public Node[] vjp(Node out, Node g) {
            return new Node[] {Ops.scale(g, 2)};
        }
    }

    /** Right values, but squares its input in place first. */
    record ModifiesInput() implements Primitive {
        @Override
        public String name() {
            return "modifies_input";
        }

        @Override
        public int arity() {
            return 1;
        }

        @Override
        public Shape inferShape(List<Node> in) {
            return in.get(0).shape();
        }

        @Override
        public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
            for (int i = 0; i < out.data.length; i++) {
                in[0].data[i] *= in[0].data[i];
                out.data[i] = in[0].data[i];
            }
        }

        @Override
        public Node[] vjp(Node out, Node g) {
            return new Node[] {Ops.mul(g, Ops.scale(out.input(0), 2))};
        }
    }

    @Test
    void run_kernelBreakingItsContract_isAProblemNamed() {
        PrimitiveCheckReport acc = PrimitiveCheck.of(new Accumulates()).input(Shape.of(2, 3), -1, 1).run();
        assertFalse(acc.passed(), acc::table);
        assertTrue(acc.problems().get(0).contains("did not write every element of its output"), acc::table);
        PrimitiveCheckReport mod = PrimitiveCheck.of(new ModifiesInput()).input(Shape.of(2, 3), -1, 1).run();
        assertFalse(mod.passed(), mod::table);
        assertTrue(mod.problems().get(0).contains("modified its input 0"), mod::table);
        PrimitiveCheckReport shapes = PrimitiveCheck.of(new LogAddExp(Rule.RIGHT)).input(Shape.of(2, 3), -1, 1)
                .input(Shape.of(3, 2), -1, 1).run();
        assertFalse(shapes.passed());
        assertTrue(shapes.problems().get(0).contains("logaddexp needs equal shapes"), shapes::table);
    }

    @Test
    void run_piecewisePrimitiveAtItsKink_countsKinksNotFailures() {
        PrimitiveCheckReport r = PrimitiveCheck.of(new io.github.gradgraph.graph.ops.Abs())
                .input(Shape.of(1, 200), -1e-6, 1e-6).trials(2).firstOrderOnly().run();
        assertTrue(r.row(1, 0).kinks() > 0, r::table);
        assertEquals(0, r.row(1, 0).failedTrials(), r::table);
    }

    @Test
    void builder_badArguments_areNamed() {
        PrimitiveCheck c = PrimitiveCheck.of(new LogAddExp(Rule.RIGHT)).input(Shape.of(2, 2), -1, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, c::run).getMessage()
                .contains("logaddexp takes 2 operand(s); the check gives 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.input(Shape.of(2, 2), 1, 1)).getMessage()
                .contains("low < high"));
        assertThrows(IllegalArgumentException.class, () -> c.trials(0));
    }
}
