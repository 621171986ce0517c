package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.PrimitiveSpec.Example;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The sequence rows of the primitive table: row slices and their adjoint at random offsets, row concatenation of
 * two and three operands, and the token primitives over random ids (−1 and repeats included), held as constants so
 * that only the differentiable operand is perturbed.
 */
final class SequenceRows {
    private SequenceRows() {
    }

    /** ids of k × m over a vocabulary of V: whole numbers in [−1, V), repeats likely. */
    private static Node ids(Node like, Example e, int k, int vocabulary) {
        DMatrixRMaj ids = new DMatrixRMaj(k, e.m());
        for (int i = 0; i < ids.data.length; i++) {
            ids.data[i] = e.random().nextInt(vocabulary + 1) - 1;
        }
        return like.graph().constant(ids);
    }

    private static int idRows(Example e) {
        return 1 + e.variant() % 3;
    }

    private static int vocabulary(Example e) {
        return 1 + e.k() % 6;
    }

    private static PrimitiveSpec row(String name, java.util.function.Function<Example, Shape[]> shapes,
            java.util.function.BiFunction<Node[], Example, Node> build) {
        return new PrimitiveSpec(name, shapes.apply(new Example(1, 1, 1, 0, null)).length, shapes, PrimitiveTable.ANY,
                build, true, false);
    }

    static List<PrimitiveSpec> all() {
        return List.of(
            row("rows", e -> new Shape[] {Shape.of(e.n(), e.m())}, (in, e) -> {
                int from = e.variant() % e.n();
                return SequenceOps.rowSlice(in[0], from, 1 + e.variant() / 7 % (e.n() - from));
            }),
            row("rows_placed", e -> new Shape[] {Shape.of(e.n(), e.m())},
                (in, e) -> SequenceOps.rowPlace(in[0], e.variant() % 4, e.n() + e.variant() % 4 + e.variant() / 4 % 3)),
            row("row_concat of 2", e -> new Shape[] {Shape.of(e.n(), e.m()), Shape.of(e.k(), e.m())},
                (in, e) -> SequenceOps.rowConcat(in[0], in[1])),
            row("row_concat of 3", e -> new Shape[] {Shape.of(e.n(), e.m()), Shape.of(1, e.m()),
                Shape.of(e.k(), e.m())}, (in, e) -> SequenceOps.rowConcat(in[0], in[1], in[2])),
            row("row_concat of 1", e -> new Shape[] {Shape.of(e.n(), e.m())},
                (in, e) -> SequenceOps.rowConcat(in[0])),
            row("gather", e -> new Shape[] {Shape.of(e.n(), vocabulary(e))},
                (in, e) -> SequenceOps.gather(in[0], ids(in[0], e, idRows(e), vocabulary(e)))),
            row("scatter_add", e -> new Shape[] {Shape.of(idRows(e) * e.n(), e.m())},
                (in, e) -> SequenceOps.scatterAdd(in[0], ids(in[0], e, idRows(e), vocabulary(e)), vocabulary(e))),
            // its value depends on the ids alone: the operand's gradient is zero, checked as such
            row("onehot", e -> new Shape[] {Shape.of(1, e.m())},
                (in, e) -> SequenceOps.oneHot(ids(in[0], e, idRows(e), vocabulary(e)), vocabulary(e))));
    }
}
