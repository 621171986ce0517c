package io.github.gradgraph.core;

import java.util.Objects;

/**
 * The shape of a 2-D matrix value: rows × columns, either of which may be the symbolic batch dimension m.
 *
 * <p>Broadcasting follows numpy for two dimensions: two shapes are compatible when, in each dimension, the sizes are
 * equal or one of them is 1; the result takes the larger. So a column vector n×1 spreads across the m columns
 * (the textbook's {@code + b[l]}), a row vector 1×m across the rows, and a scalar 1×1 everywhere. The symbolic m equals
 * only itself: {@code m} and {@code 3} are incompatible even though a run could bind m = 3.
 *
 * @param rows the number of rows
 * @param cols the number of columns
 */
public record Shape(Dim rows, Dim cols) {
    /** The 1×1 shape of a scalar such as a loss J. */
    public static final Shape SCALAR = new Shape(Dim.of(1), Dim.of(1));

    public Shape {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(cols, "cols");
    }

    /** @return the fixed shape {@code rows × cols} */
    public static Shape of(int rows, int cols) {
        return new Shape(Dim.of(rows), Dim.of(cols));
    }

    /** @return the shape {@code rows × cols} */
    public static Shape of(int rows, Dim cols) {
        return new Shape(Dim.of(rows), cols);
    }

    /** @return the shape {@code rows × cols} */
    public static Shape of(Dim rows, int cols) {
        return new Shape(rows, Dim.of(cols));
    }

    /** @return true for 1×1 */
    public boolean isScalar() {
        return rows.isOne() && cols.isOne();
    }

    /** @return true when neither dimension is the batch dimension */
    public boolean isFixed() {
        return !rows.isSymbolic() && !cols.isSymbolic();
    }

    /** @return the shape with rows and columns swapped */
    public Shape transpose() {
        return new Shape(cols, rows);
    }

    /** @return the number of rows once the batch dimension is bound to {@code m} */
    public int rows(int m) {
        return rows.resolve(m);
    }

    /** @return the number of columns once the batch dimension is bound to {@code m} */
    public int cols(int m) {
        return cols.resolve(m);
    }

    /**
     * The broadcast result of two shapes.
     *
     * @param a not modified
     * @param b not modified
     * @return the result shape, or {@code null} when the shapes are incompatible
     */
    public static Shape broadcast(Shape a, Shape b) {
        Dim r = broadcast(a.rows, b.rows);
        Dim c = broadcast(a.cols, b.cols);
        return r == null || c == null ? null : new Shape(r, c);
    }

    private static Dim broadcast(Dim a, Dim b) {
        if (a.equals(b) || b.isOne()) {
            return a;
        }
        return a.isOne() ? b : null;
    }

    @Override
    public String toString() {
        return rows + "×" + cols;
    }
}
