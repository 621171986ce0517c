package io.github.gradgraph.graph.exec;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.core.Finite;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Input;
import io.github.gradgraph.graph.Parameter;
import io.github.gradgraph.graph.ParameterStore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

/**
 * Finds where a computation stops being finite: reruns the nodes a target needs, exactly as built, keeping every value,
 * and returns the first node in topological order with a NaN or infinite element — the one that made it, with its
 * operands' values at that element. Diagnostic only: it keeps every intermediate, so it is slower than a normal run.
 */
public final class NonFiniteLocator {
    private NonFiniteLocator() {
    }

    /**
     * @param target the node whose value was not finite
     * @param feeds  the run's feeds; not modified
     * @param params the run's parameter values; not modified
     * @return a description such as {@code log#12 (1×m) = log(A3) made at Loss.java:40: -Infinity at row 0, column
     *     131, where A3 = 0.0}, or empty when every node is finite
     */
    public static Optional<String> firstNonFinite(Node target, Map<String, DMatrixRMaj> feeds,
            ParameterStore params) {
        return firstNonFinite(target, feeds, params, DType.F64);
    }

    /**
     * As {@link #firstNonFinite(Node, Map, ParameterStore)}, computing in {@code dtype}: a float32 value can overflow
     * where the float64 one does not.
     */
    public static Optional<String> firstNonFinite(Node target, Map<String, DMatrixRMaj> feeds, ParameterStore params,
            DType dtype) {
        List<Node> steps = Compiler.compileAsWritten(target).steps();
        if (dtype == DType.F32) { // a feed or parameter that float32 cannot hold is where it started
            for (Node node : steps) {
                DMatrixRMaj leaf = node.op() instanceof Input in ? feeds.get(in.label())
                        : node.op() instanceof Parameter p ? params.get(p.label()) : null;
                String overflow = leaf == null ? null : Float32Plan.outOfRange(node, leaf);
                if (overflow != null) {
                    return Optional.of(overflow);
                }
            }
        }
        Values values = Compiler.compileUnfused(steps, dtype).run(feeds, params, Checks.NONE);
        for (Node node : steps) {
            DMatrixRMaj v = values.get(node);
            int i = Finite.first(v);
            if (i >= 0) {
                return Optional.of(describe(node, values, i / v.numCols, i % v.numCols, v.data[i]));
            }
        }
        return Optional.empty();
    }

    private static String describe(Node node, Values values, int row, int col, double value) {
        StringBuilder s = new StringBuilder(node.describe()).append(" = ").append(node.op().name()).append('(');
        for (int k = 0; k < node.inputs().size(); k++) {
            s.append(k > 0 ? ", " : "").append(node.input(k).label());
        }
        s.append(") made at ").append(node.site()).append(": ").append(value).append(" at row ").append(row)
                .append(", column ").append(col);
        String sep = ", where ";
        for (Node in : node.inputs()) {
            DMatrixRMaj v = values.get(in);
            if (v.numRows == 0 || v.numCols == 0) {
                continue;
            }
            // an operand broadcast along a dimension of size 1 is read at its only row or column
            double at = v.get(v.numRows == 1 ? 0 : Math.min(row, v.numRows - 1),
                    v.numCols == 1 ? 0 : Math.min(col, v.numCols - 1));
            s.append(sep).append(in.label()).append(" = ").append(format(at));
            sep = ", ";
        }
        return s.toString();
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
    }
}
