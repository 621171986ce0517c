package io.github.gradgraph.notebook;

/** An object that says how a notebook shows it. */
public interface Displayable {
    /** @return this object's notebook representations */
    Rich rich();
}
