package io.github.gradgraph.graph;

import io.github.gradgraph.core.Shape;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/** A fixed value baked into the graph. Holds its own copy; equal when shape and every bit of the data are equal. */
public final class Constant implements Leaf {
    private final DMatrixRMaj value;
    private final Shape shape;

    /** @param value copied; not modified */
    public Constant(DMatrixRMaj value) {
        this.value = value.copy();
        this.shape = Shape.of(value.numRows, value.numCols);
    }

    /** @return a copy of the value */
    public DMatrixRMaj value() {
        return value.copy();
    }

    /** @return the value itself, without a copy, for an executor to bind; callers must not modify it */
    public DMatrixRMaj view() {
        return value;
    }

    /** @return the single element of a 1×1 constant */
    public double scalar() {
        if (!shape.isScalar()) {
            throw new IllegalStateException("constant is " + shape + ", not 1×1");
        }
        return value.data[0];
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public String name() {
        return "constant";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Constant && ((Constant) o).shape.equals(shape)
                && Arrays.equals(((Constant) o).value.data, 0, value.getNumElements(),
                        value.data, 0, value.getNumElements());
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(Arrays.copyOf(value.data, value.getNumElements()));
    }

    @Override
    public String toString() {
        return shape.isScalar() ? Double.toString(value.data[0]) : "constant " + shape;
    }
}
