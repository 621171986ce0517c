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
import io.github.gradgraph.core.Precision;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.data.Matrix;

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
     * @param floatFeeds whether the program takes float32 feeds ({@link FMatrixRMaj}) as well as float64 ones
     * @return the batch size m bound by the feeds (1 when the program has no batch dimension)
     * @throws FeedException on the first fault found
     */
    int validate(Map<String, ? extends Matrix> feeds, ParameterStore params, boolean finite, boolean floatFeeds) {
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
            Matrix value = feeds.get(in.label());
            if (value == null) {
                if (feeds.containsKey(in.label())) {
                    throw new FeedException("feed '" + in.label() + "' is null");
                }
                continue;
            }
            if (!(value instanceof DMatrixRMaj) && !(floatFeeds && value instanceof FMatrixRMaj)) {
                throw new FeedException("feed '" + in.label() + "' is a " + value.getClass().getSimpleName()
                        + (value instanceof FMatrixRMaj ? ": this program computes in float64 and takes DMatrixRMaj "
                        + "feeds (float32 feeds go to a program compiled for DType.F32)" : "; feeds are DMatrixRMaj"
                        + (floatFeeds ? " or FMatrixRMaj" : "")));
            }
            Shape s = in.shape();
            if (transposed(s, value)) {
                throw new FeedException("feed '" + in.label() + "' is " + shapeOf(value) + " but input " + in.describe()
                        + " expects " + s + ": samples are columns here (one column per sample, as in "
                        + "Z = W·X + b); transpose it");
            }
            m = bind(s.rows(), value.getNumRows(), m, mSource, in, value);
            mSource = mSource == null && s.rows().isSymbolic() ? in.label() : mSource;
            m = bind(s.cols(), value.getNumCols(), m, mSource, in, value);
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

    private void reportUnknown(Map<String, ? extends Matrix> feeds) {
        for (String name : feeds.keySet()) {
            Node leaf = graph.leaf(name);
            if (leaf == null || !(leaf.op() instanceof Input)) {
                throw new FeedException("unknown feed '" + name + "': the graph's inputs are " + inputNames()
                        + (leaf != null ? " ('" + name + "' is a parameter; set it in the parameter store)" : ""));
            }
        }
    }

    private static int bind(Dim dim, int actual, int m, String mSource, Node in, Matrix value) {
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
    private static boolean transposed(Shape s, Matrix value) {
        int rows = value.getNumRows();
        int cols = value.getNumCols();
        boolean fits = fits(s.rows(), rows) && fits(s.cols(), cols);
        return !fits && rows != cols && fits(s.rows(), cols) && fits(s.cols(), rows);
    }

    private static boolean fits(Dim dim, int actual) {
        return dim.isSymbolic() ? actual >= 1 : dim.size() == actual;
    }

    private static String shapeOf(Matrix value) {
        return value.getNumRows() + "×" + value.getNumCols();
    }

    private static void checkFinite(String prefix, String name, String suffix, Matrix value) {
        int i;
        double bad;
        if (value instanceof FMatrixRMaj f) {
            if (Precision.allFinite(f)) {
                return;
            }
            i = Precision.firstNonFinite(f);
            bad = f.data[i];
        } else {
            DMatrixRMaj d = (DMatrixRMaj) value;
            if (Finite.all(d)) {
                return;
            }
            i = Finite.first(d);
            bad = d.data[i];
        }
        throw new FeedException(prefix + name + suffix + " has " + bad + " at row " + (i / value.getNumCols())
                + ", column " + (i % value.getNumCols()) + "; values must be finite");
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
