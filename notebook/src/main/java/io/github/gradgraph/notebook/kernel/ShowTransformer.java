package io.github.gradgraph.notebook.kernel;

import io.github.gradgraph.notebook.Rich;
import io.github.gradgraph.notebook.Show;

/**
 * Turns any object {@link Show#of(Object)} knows (a node, a derivation, a check report, a {@code Displayable}, …)
 * into its {@link Rich}, which {@link RichRenderer} renders. The kernel asks {@link #canTransform} and then
 * {@link #transform} of the same object; the last answer is kept so a costly display (a graph laid out as SVG) is
 * built once.
 */
final class ShowTransformer implements org.rapaio.jupyter.kernel.display.DisplayTransformer {
    private Object lastObject;
    private Rich lastRich;

    @Override
    public synchronized boolean canTransform(Object o) {
        return o != null && !(o instanceof Rich) && rich(o) != null;
    }

    @Override
    public Class<?> transformedClass() {
        return Rich.class;
    }

    @Override
    public synchronized Object transform(Object o) {
        return rich(o);
    }

    private Rich rich(Object o) {
        if (o != lastObject) {
            lastRich = Show.of(o);
            lastObject = o;
        }
        return lastRich;
    }
}
