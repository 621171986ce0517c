package io.github.gradgraph.graph.exec;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Finite;
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
    private final List<Node> graphInputs = new ArrayList<>();
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
        for (Node leaf : graph.leaves().values()) {
            if (leaf.op() instanceof Input && !graph.isSymbol(leaf.label())) {
                graphInputs.add(leaf);
            }
        }
    }

    /**
     * @return the batch size m bound by the feeds (1 when the program has no batch dimension)
     * @throws FeedException on the first fault found
     */
    int validate(Map<String, DMatrixRMaj> feeds, ParameterStore params, boolean finite) {
        // Indexed loops over precomputed lists: a steady-state run allocates nothing here.
        int known = 0;
        for (int i = 0; i < graphInputs.size(); i++) {
            known += feeds.containsKey(graphInputs.get(i).label()) ? 1 : 0;
        }
        if (known != feeds.size()) {
            reportUnknown(feeds);
        }
        for (int i = 0; i < inputs.size(); i++) {
            Node in = inputs.get(i);
            if (feeds.get(in.label()) == null) {
                throw new FeedException("missing feed for input " + in.describe());
            }
        }
        int m = -1;
        String mSource = null;
        for (int i = 0; i < graphInputs.size(); i++) {
            Node in = graphInputs.get(i);
            DMatrixRMaj value = feeds.get(in.label());
            if (value == null) {
                if (feeds.containsKey(in.label())) {
                    throw new FeedException("feed '" + in.label() + "' is null");
                }
                continue;
            }
            Shape s = in.shape();
            if (transposed(s, value)) {
                throw new FeedException("feed '" + in.label() + "' is " + shapeOf(value) + " but input " + in.describe()
                        + " expects " + s + ": samples are columns here (one column per sample, as in "
                        + "Z = W·X + b); transpose it");
            }
            m = bind(s.rows(), value.numRows, m, mSource, in, value);
            mSource = mSource == null && s.rows().isSymbolic() ? in.label() : mSource;
            m = bind(s.cols(), value.numCols, m, mSource, in, value);
            mSource = mSource == null && s.cols().isSymbolic() ? in.label() : mSource;
            if (finite) {
                checkFinite("feed '", in.label(), "'", value);
            }
        }
        for (int i = 0; i < parameters.size(); i++) {
            Node p = parameters.get(i);
            DMatrixRMaj value = params == null ? null : params.get(p);
            if (value == null) {
                throw new FeedException("no value for parameter " + p.describe() + " in the parameter store");
            }
            if (value.numRows != p.shape().rows().size() || value.numCols != p.shape().cols().size()) {
                throw new FeedException("parameter " + p.label() + " is " + p.shape() + " but its stored value is "
                        + value.numRows + "×" + value.numCols);
            }
            if (finite) {
                checkFinite("parameter ", p.label(), "", value);
            }
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

    private void reportUnknown(Map<String, DMatrixRMaj> feeds) {
        for (String name : feeds.keySet()) {
            Node leaf = graph.leaf(name);
            if (leaf == null || !(leaf.op() instanceof Input)) {
                throw new FeedException("unknown feed '" + name + "': the graph's inputs are " + inputNames()
                        + (leaf != null ? " ('" + name + "' is a parameter; set it in the parameter store)" : ""));
            }
        }
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

    /** @return whether the value does not fit the input's shape but its transpose does */
    private static boolean transposed(Shape s, DMatrixRMaj value) {
        boolean fits = fits(s.rows(), value.numRows) && fits(s.cols(), value.numCols);
        return !fits && value.numRows != value.numCols && fits(s.rows(), value.numCols)
                && fits(s.cols(), value.numRows);
    }

    private static boolean fits(Dim dim, int actual) {
        return dim.isSymbolic() ? actual >= 1 : dim.size() == actual;
    }

    private static String shapeOf(DMatrixRMaj value) {
        return value.numRows + "×" + value.numCols;
    }

    private static void checkFinite(String prefix, String name, String suffix, DMatrixRMaj value) {
        if (Finite.all(value)) {
            return;
        }
        int i = Finite.first(value);
        throw new FeedException(prefix + name + suffix + " has " + value.data[i] + " at row " + (i / value.numCols)
                + ", column " + (i % value.numCols) + "; values must be finite");
    }

    private List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (Node leaf : graph.leaves().values()) {
            if (leaf.op() instanceof Input && !graph.isSymbol(leaf.label())) {
                names.add(leaf.label());
            }
        }
        return names;
    }
}
