package io.github.gradgraph.graph.exec;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.FeedException;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Input;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Parameter;
import io.github.gradgraph.graph.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Checks a run's feeds and parameter values before anything is computed, and binds the batch dimension m. Every
 * error names the input or parameter at fault.
 */
final class FeedValidator {
    private final Graph graph;
    private final List<Node> inputs = new ArrayList<>();
    private final List<Node> parameters = new ArrayList<>();
    private final boolean needsM;

    FeedValidator(Graph graph, List<Node> order) {
        this.graph = graph;
        boolean symbolic = false;
        for (Node node : order) {
            if (node.op() instanceof Input) {
                inputs.add(node);
            } else if (node.op() instanceof Parameter) {
                parameters.add(node);
            }
            symbolic |= !node.shape().isFixed();
        }
        this.needsM = symbolic;
    }

    /**
     * @return the batch size m bound by the feeds (1 when the program has no batch dimension)
     * @throws FeedException on the first fault found
     */
    int validate(Map<String, DMatrixRMaj> feeds, ParameterStore params) {
        for (String name : feeds.keySet()) {
            Node leaf = graph.leaf(name);
            if (leaf == null || !(leaf.op() instanceof Input)) {
                throw new FeedException("unknown feed '" + name + "': the graph's inputs are " + inputNames()
                        + (leaf != null ? " ('" + name + "' is a parameter; set it in the parameter store)" : ""));
            }
        }
        for (Node in : inputs) {
            if (feeds.get(((Input) in.op()).label()) == null) {
                throw new FeedException("missing feed for input " + in.describe());
            }
        }
        int m = -1;
        String mSource = null;
        for (Map.Entry<String, DMatrixRMaj> e : feeds.entrySet()) {
            Node in = graph.leaf(e.getKey());
            DMatrixRMaj value = e.getValue();
            if (value == null) {
                throw new FeedException("feed '" + e.getKey() + "' is null");
            }
            Shape s = in.shape();
            m = bind(s.rows(), value.numRows, m, mSource, in, value);
            mSource = mSource == null && s.rows().isSymbolic() ? e.getKey() : mSource;
            m = bind(s.cols(), value.numCols, m, mSource, in, value);
            mSource = mSource == null && s.cols().isSymbolic() ? e.getKey() : mSource;
            checkFinite("feed '" + e.getKey() + "'", value);
        }
        for (Node p : parameters) {
            DMatrixRMaj value = params == null ? null : params.get(p);
            if (value == null) {
                throw new FeedException("no value for parameter " + p.describe() + " in the parameter store");
            }
            if (value.numRows != p.shape().rows().size() || value.numCols != p.shape().cols().size()) {
                throw new FeedException("parameter " + p.label() + " is " + p.shape() + " but its stored value is "
                        + value.numRows + "×" + value.numCols);
            }
            checkFinite("parameter " + p.label(), value);
        }
        if (m < 0) {
            if (needsM) {
                throw new FeedException("the batch size m is unknown: feed one of the inputs with an m dimension "
                        + inputNames());
            }
            return 1;
        }
        return m;
    }

    private static int bind(Dim dim, int actual, int m, String mSource, Node in, DMatrixRMaj value) {
        if (!dim.isSymbolic()) {
            if (dim.size() != actual) {
                throw new FeedException("feed '" + in.label() + "' is " + shapeOf(value) + " but input " + in.describe()
                        + " expects " + in.shape());
            }
            return m;
        }
        if (actual < 1) {
            throw new FeedException("feed '" + in.label() + "' is " + shapeOf(value) + ": the batch size m must be at least 1");
        }
        if (m >= 0 && m != actual) {
            throw new FeedException("feed '" + in.label() + "' is " + shapeOf(value) + ", binding m = " + actual
                    + ", but feed '" + mSource + "' bound m = " + m);
        }
        return actual;
    }

    private static String shapeOf(DMatrixRMaj value) {
        return value.numRows + "×" + value.numCols;
    }

    private static void checkFinite(String what, DMatrixRMaj value) {
        for (int i = 0, n = value.getNumElements(); i < n; i++) {
            double v = value.data[i];
            if (!Double.isFinite(v)) {
                throw new FeedException(what + " has " + v + " at row " + (i / value.numCols) + ", column "
                        + (i % value.numCols) + "; values must be finite");
            }
        }
    }

    private List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (Node leaf : graph.leaves().values()) {
            if (leaf.op() instanceof Input) {
                names.add(leaf.label());
            }
        }
        return names;
    }
}
