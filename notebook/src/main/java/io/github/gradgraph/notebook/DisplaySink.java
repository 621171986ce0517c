package io.github.gradgraph.notebook;

/**
 * Where displays that change go: a notebook cell's output area that can be replaced in place (Jupyter's
 * {@code display_data} with a {@code display_id}, then {@code update_display_data}). A kernel adapter implements it;
 * tests record what was shown.
 */
public interface DisplaySink {
    /** Shows {@code r} as a new output; @return the id to update it by */
    String show(Rich r);

    /** Replaces the output shown as {@code id} with {@code r}. */
    void update(String id, Rich r);
}
