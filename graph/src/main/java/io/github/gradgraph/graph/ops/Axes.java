package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;

/**
 * Axis conventions of the reductions, as numpy's with {@code keepdims=True}: axis 0 reduces over the rows
 * (n×m → 1×m, one value per sample), axis 1 over the columns (n×m → n×1, as the textbook's db), {@link #ALL} over both
 * (→ 1×1).
 */
final class Axes {
    /** Reduce over every element. */
    static final int ALL = -1;

    private Axes() {
    }

    /** @throws IllegalArgumentException unless the axis is 0, 1 or {@link #ALL} */
    static int check(int axis) {
        if (axis != ALL && axis != 0 && axis != 1) {
            throw new IllegalArgumentException("axis must be 0 (over rows) or 1 (over columns), got " + axis);
        }
        return axis;
    }

    /** @return the shape after reducing {@code s} along {@code axis} */
    static Shape reduce(Shape s, int axis) {
        Dim one = Dim.of(1);
        switch (axis) {
            case 0:
                return new Shape(one, s.cols());
            case 1:
                return new Shape(s.rows(), one);
            default:
                return Shape.SCALAR;
        }
    }

    /** @return a short suffix for printing, such as {@code [axis=1]} */
    static String suffix(int axis) {
        return axis == ALL ? "" : "[axis=" + axis + "]";
    }
}
