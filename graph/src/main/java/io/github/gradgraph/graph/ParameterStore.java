package io.github.gradgraph.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Parameter values, kept outside the graph so that one graph serves training and inference and an optimizer can
 * update values in place. Keyed by parameter name; each value has its parameter's shape.
 */
public final class ParameterStore {
    private final Map<String, DMatrixRMaj> values = new LinkedHashMap<>();

    /**
     * Sets a parameter's value.
     *
     * @param parameter a parameter node
     * @param value     copied; not modified; must have the parameter's shape
     * @throws FeedException when the node is not a parameter or the shape differs
     */
    public void set(Node parameter, DMatrixRMaj value) {
        if (parameter == null || value == null) {
            throw new FeedException("ParameterStore.set: the " + (parameter == null ? "parameter" : "value of "
                    + parameter.label()) + " is null");
        }
        if (!(parameter.op() instanceof Parameter)) {
            throw new FeedException(parameter.describe() + " is not a parameter");
        }
        int rows = parameter.shape().rows().size();
        int cols = parameter.shape().cols().size();
        if (value.numRows != rows || value.numCols != cols) {
            throw new FeedException("parameter " + parameter.label() + " is " + parameter.shape()
                    + " but the value is " + value.numRows + "×" + value.numCols);
        }
        values.put(parameter.label(), value.copy());
    }

    /**
     * The live value, which an optimizer may update in place.
     *
     * @param name the parameter's name
     * @return the value, or null when none is set
     */
    public DMatrixRMaj get(String name) {
        if (name == null) {
            throw new GraphException("ParameterStore.get: the name is null");
        }
        return values.get(name);
    }

    /** @return the live value of a parameter node, or null when none is set */
    public DMatrixRMaj get(Node parameter) {
        if (parameter == null) {
            throw new GraphException("ParameterStore.get: the parameter node is null");
        }
        return values.get(parameter.label());
    }

    /** @return true when a value is set under that name */
    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** @return every value by name, in insertion order; the map is unmodifiable, the values live */
    public Map<String, DMatrixRMaj> values() {
        return Collections.unmodifiableMap(values);
    }

    /** @return an independent store holding copies of every value */
    public ParameterStore copy() {
        ParameterStore c = new ParameterStore();
        values.forEach((name, value) -> c.values.put(name, value.copy()));
        return c;
    }
}
