package io.github.gradgraph.graph;

import io.github.gradgraph.core.Shape;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * One operation the engine knows: its shape rule, its kernel binding and its vector-Jacobian product. gradgraph's own
 * live in {@code io.github.gradgraph.graph.ops}; <b>you may write your own</b> — implement this interface (a record),
 * apply it with {@link Graph#apply}, check it with {@code graph.check.PrimitiveCheck} (first and second order against
 * central differences, and the kernel's contract) and, to call it in formulas, register it with
 * {@code graph.expr.FormulaFunctions}. The engine treats it as its own: it differentiates, compiles, plans buffers
 * for, checks for NaN and prints it by name; rewrites and fusions leave it alone. A primitive is a value (equal
 * primitives with equal inputs compute equal results), so implementations are records or otherwise define
 * {@code equals}.
 *
 * <p>The VJP does not compute numbers: given the node {@code out} this primitive produced and the node {@code grad}
 * holding ∂J/∂out, it <em>builds nodes</em> for ∂J/∂input, one per input, in the same graph. Broadcast reduction and
 * fan-out summing are the engine's job, not the rule's: a rule may return a contribution of the output's shape for
 * an input that was broadcast.
 */
public interface Primitive {
    /** @return the operation's name as printed, e.g. {@code matmul} */
    String name();

    /** @return the number of inputs */
    int arity();

    /**
     * The shape rule, run once when a node is created.
     *
     * @param inputs the operands, already checked to be {@link #arity()} nodes of one graph
     * @return the output shape
     * @throws ShapeException naming the op and the operands when the shapes do not fit
     */
    Shape inferShape(List<Node> inputs);

    /**
     * The kernel: computes the output from the input values.
     *
     * @param inputs the input values, in order, with the batch dimension bound. Not modified.
     * @param out    Modified. Already has the output shape; never one of the inputs.
     */
    void forward(DMatrixRMaj[] inputs, DMatrixRMaj out);

    /**
     * The vector-Jacobian product as graph nodes.
     *
     * @param out  the node this primitive produced
     * @param grad the node holding ∂J/∂out
     * @return one entry per input: the node ∂J/∂input (of the input's shape, or of a shape that broadcasts to it), or
     *     {@code null} exactly where the output does not vary with that input almost everywhere (a step function,
     *     stop-gradient), which the engine treats as an explicit zero
     */
    Node[] vjp(Node out, Node grad);

    /**
     * A fingerprint of which smooth piece of this function the inputs fall on; a change between two nearby points
     * means a kink (relu or abs at 0, a tie in a max) lies between them. Smooth primitives return 0.
     *
     * @param inputs the input values. Not modified.
     * @return a hash of the branch taken at each element
     */
    default long branch(DMatrixRMaj[] inputs) {
        return 0L;
    }

    /** @return true when {@link #branch} can change, i.e. the function has kinks or jumps */
    default boolean piecewise() {
        return false;
    }
}
