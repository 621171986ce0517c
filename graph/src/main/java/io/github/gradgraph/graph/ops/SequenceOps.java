package io.github.gradgraph.graph.ops;

import io.github.gradgraph.graph.CallSite;
import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Primitive;

/**
 * The primitives of sequence models. A batch of sequences keeps one column per sequence; step t is the row block
 * t·n … (t+1)·n − 1 of its features, or row t of a T × m matrix of token ids (whole numbers, −1 for no token). Every
 * VJP is again one of these, so second order runs through them.
 */
public final class SequenceOps {
    private SequenceOps() {
    }

    /** @return rows {@code from} … {@code from + count − 1} of x: step t of a sequence batch */
    public static Node rowSlice(Node x, int from, int count) {
        return apply(new RowSlice(from, count), x);
    }

    /** @return g in rows {@code from} … of a zero matrix of {@code total} rows: the adjoint of {@link #rowSlice} */
    public static Node rowPlace(Node g, int from, int total) {
        return apply(new RowPlace(from, total), g);
    }

    /** @return [parts[0]; parts[1]; …]: the operands stacked by rows (equal column counts) */
    public static Node rowConcat(Node... parts) {
        if (parts == null || parts.length == 0) {
            throw new GraphException("row_concat needs at least one operand (at " + CallSite.capture() + ")");
        }
        return apply(new RowConcat(parts.length), parts);
    }

    /** @return E[:, ids]: column ids[i, j] of E (n × V) in row block i of column j, zeros for −1; (k·n) × m */
    public static Node gather(Node e, Node ids) {
        return apply(new Gather(), e, ids);
    }

    /** @return the adjoint of {@link #gather}: each block of g added into column ids[i, j] of an n × V matrix */
    public static Node scatterAdd(Node g, Node ids, int vocabulary) {
        return apply(new ScatterAdd(vocabulary), g, ids);
    }

    /** @return the one-hot vectors of token ids (k × m) over a vocabulary of V: (k·V) × m, zeros for −1 */
    public static Node oneHot(Node ids, int vocabulary) {
        return apply(new OneHot(vocabulary), ids);
    }

    private static Node apply(Primitive op, Node... operands) {
        for (int i = 0; i < operands.length; i++) {
            if (operands[i] == null) {
                throw new GraphException(op.name() + ": operand " + (i + 1) + " is null (at " + CallSite.capture()
                        + ")");
            }
        }
        return operands[0].graph().apply(op, operands);
    }
}
