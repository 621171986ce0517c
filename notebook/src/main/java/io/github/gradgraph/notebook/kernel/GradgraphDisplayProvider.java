package io.github.gradgraph.notebook.kernel;

import java.util.List;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

/**
 * What the kernel's display system loads through {@code META-INF/services}: a cell's value that gradgraph knows is
 * shown by its {@link io.github.gradgraph.notebook.Rich} bundle. Public with a public constructor, as
 * {@link java.util.ServiceLoader} needs.
 */
public final class GradgraphDisplayProvider implements DisplayProvider {

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new RichRenderer());
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of(new ShowTransformer());
    }
}
