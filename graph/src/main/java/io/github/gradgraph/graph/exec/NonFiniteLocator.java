package io.github.gradgraph.graph.exec;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

/**
 * Finds where a computation stops being finite: reruns the nodes a target needs, keeping every value, and returns
 * the first node in topological order with a NaN or infinite element. Diagnostic only: it compiles a program that
 * keeps every intermediate, so it is slower than a normal run.
 */
public final class NonFiniteLocator {
    private NonFiniteLocator() {
    }

    /**
     * @param target the node whose value was not finite
     * @param feeds  the run's feeds; not modified
     * @param params the run's parameter values; not modified
     * @return a description such as {@code Z2 (1×m) = add(...) made at Net.java:40: NaN at row 0, column 3}, or
     *     empty when every node is finite
     */
    public static Optional<String> firstNonFinite(Node target, Map<String, DMatrixRMaj> feeds,
            ParameterStore params) {
        List<Node> steps = Compiler.compile(target).steps();
        Values values = Compiler.compile(steps).run(feeds, params);
        for (Node node : steps) {
            DMatrixRMaj v = values.get(node);
            int i = io.github.gradgraph.core.Finite.first(v);
            if (i >= 0) {
                return Optional.of(node.describe() + " = " + node.op().name() + " (made at " + node.site()
                        + "): " + v.data[i] + " at row " + (i / v.numCols) + ", column " + (i % v.numCols));
            }
        }
        return Optional.empty();
    }
}
