package io.github.gradgraph.core;

/**
 * One dimension of a {@link Shape}: either a fixed positive size or the symbolic batch dimension {@code m}.
 *
 * <p>The batch dimension is bound per run, so one graph serves every batch size, including the last, smaller
 * mini-batch of an epoch. Instances are immutable; equal dimensions are {@link #equals equal}.
 */
public final class Dim {
    /** The symbolic batch dimension m: the number of samples, one column per sample. */
    public static final Dim M = new Dim(-1);

    private static final Dim[] SMALL = new Dim[65];

    static {
        for (int i = 1; i < SMALL.length; i++) {
            SMALL[i] = new Dim(i);
        }
    }

    private final int size;

    private Dim(int size) {
        this.size = size;
    }

    /**
     * A fixed dimension.
     *
     * @param size the size; must be at least 1
     * @return the dimension
     * @throws IllegalArgumentException when {@code size} is zero or negative
     */
    public static Dim of(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a dimension must be at least 1, got " + size);
        }
        return size < SMALL.length ? SMALL[size] : new Dim(size);
    }

    /** @return true for the symbolic batch dimension m */
    public boolean isSymbolic() {
        return size < 0;
    }

    /**
     * The fixed size.
     *
     * @throws IllegalStateException for the symbolic dimension, which has no size until a run binds it
     */
    public int size() {
        if (size < 0) {
            throw new IllegalStateException("the batch dimension m has no size until a run binds it");
        }
        return size;
    }

    /**
     * The size with the batch dimension bound.
     *
     * @param m the batch size of this run
     * @return {@code m} for the symbolic dimension, the fixed size otherwise
     */
    public int resolve(int m) {
        return size < 0 ? m : size;
    }

    /** @return true when this is the fixed size 1 */
    public boolean isOne() {
        return size == 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dim && ((Dim) o).size == size;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(size);
    }

    @Override
    public String toString() {
        return size < 0 ? "m" : Integer.toString(size);
    }
}
