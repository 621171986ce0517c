package io.github.gradgraph.graph.autodiff;

import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Second derivatives from gradients of gradients: since ∂J/∂x is a node, ∂⟨v, ∂J/∂x⟩/∂x is the Hessian-vector
 * product H·v, with no Hessian ever formed; the full Hessian of a small variable is its rows, H·eᵢ.
 */
public final class Higher {
    /** The largest variable, in elements, whose full Hessian {@link #hessian} will build. */
    public static final int MAX_HESSIAN_ELEMENTS = 400;

    private Higher() {
    }

    /**
     * H·v for J's Hessian with respect to the variables jointly, split back per variable: entry i is
     * Σⱼ ∂²J/∂xᵢ∂xⱼ · vⱼ.
     *
     * @param j          a 1×1 node
     * @param variables  x₁, …, xₖ
     * @param directions v₁, …, vₖ, nodes of the variables' shapes (inputs or constants)
     * @return one node per variable, of its shape
     */
    public static List<Node> hvp(Node j, List<Node> variables, List<Node> directions) {
        if (j == null) {
            throw new GraphException("hvp: J is null");
        }
        if (variables == null || variables.isEmpty()) {
            throw new GraphException("hvp needs at least one variable to differentiate J by");
        }
        if (directions == null) {
            throw new GraphException("hvp: the list of directions is null");
        }
        if (variables.size() != directions.size()) {
            throw new GraphException("hvp needs one direction per variable, got " + directions.size() + " for "
                    + variables.size());
        }
        List<Node> grads = Autodiff.gradients(j, variables);
        Node inner = null;
        for (int i = 0; i < grads.size(); i++) {
            Node v = directions.get(i);
            if (!v.shape().equals(variables.get(i).shape())) {
                throw new GraphException("hvp: direction " + v.describe() + " does not have the shape of "
                        + variables.get(i).describe());
            }
            Node term = Ops.sum(Ops.mul(grads.get(i), v));
            inner = inner == null ? term : Ops.add(inner, term);
        }
        return Autodiff.gradients(inner, variables);
    }

    /** @return H·v for one variable */
    public static Node hvp(Node j, Node x, Node v) {
        return hvp(j, List.of(x), List.of(v)).get(0);
    }

    /**
     * The full Hessian of J in one small variable x (k elements, row-major), as k nodes: row i is ∂(∂J/∂xᵢ)/∂x.
     *
     * @throws GraphException when x has more than {@link #MAX_HESSIAN_ELEMENTS} elements or a batch dimension
     */
    public static List<Node> hessianRows(Node j, Node x) {
        if (!x.shape().isFixed()) {
            throw new GraphException("a full Hessian needs a fixed shape; " + x.describe() + " has the batch "
                    + "dimension: use hvp");
        }
        int rows = x.shape().rows().size();
        int cols = x.shape().cols().size();
        if (rows * cols > MAX_HESSIAN_ELEMENTS) {
            throw new GraphException("a full Hessian of " + x.describe() + " would have " + rows * cols + "² "
                    + "entries; use hvp for variables over " + MAX_HESSIAN_ELEMENTS + " elements");
        }
        Node g = Autodiff.gradient(j, x);
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < rows * cols; i++) {
            DMatrixRMaj e = new DMatrixRMaj(rows, cols);
            e.data[i] = 1;
            out.add(Autodiff.gradient(Ops.sum(Ops.mul(g, j.graph().constant(e))), x));
        }
        return out;
    }

    /**
     * Evaluates the full Hessian.
     *
     * @return the k×k matrix ∂²J/∂xᵢ∂xⱼ, with x's elements in row-major order
     */
    public static DMatrixRMaj hessian(Node j, Node x, Map<String, DMatrixRMaj> feeds, ParameterStore params) {
        List<Node> rows = hessianRows(j, x);
        Values v = Compiler.compileAsWritten(rows).run(feeds, params);
        DMatrixRMaj h = new DMatrixRMaj(rows.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            DMatrixRMaj row = v.get(rows.get(i));
            for (int k = 0; k < rows.size(); k++) {
                h.set(i, k, row.data[k]);
            }
        }
        return h;
    }
}
