package io.github.gradgraph.notebook.kernel;

import io.github.gradgraph.notebook.Rich;
import java.util.Map;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.MimeType;

/**
 * Renders a {@link Rich} as the kernel's {@link DisplayData} with every representation of its bundle, so the front
 * end picks the richest it can show and a saved notebook keeps them all. Asked for one MIME type the bundle has
 * ({@code display("latex", x)}), it gives that one and the text.
 */
final class RichRenderer implements DisplayRenderer {

    @Override
    public Class<?> rendererClass() {
        return Rich.class;
    }

    /** Any type: the kernel asks before it has the object, and a bundle lacking the type still renders in full. */
    @Override
    public boolean canRender(String mime) {
        return true;
    }

    @Override
    public DisplayData render(String mime, Object o) {
        return displayData((Rich) o, mime);
    }

    /**
     * @param r the display. Not modified.
     * @param mime the one type asked for, short ({@code html}) or long ({@code text/html}); null for all
     * @return a new display message holding {@code r}'s representations, text/plain always among them
     */
    static DisplayData displayData(Rich r, String mime) {
        DisplayData dd = DisplayData.fromText(r.plain());
        String only = longType(mime);
        for (Map.Entry<String, String> e : r.bundle().entrySet()) {
            if (only == null || !r.bundle().containsKey(only) || e.getKey().equals(only)) {
                dd.putData(e.getKey(), e.getValue());
            }
        }
        return dd;
    }

    private static String longType(String mime) {
        if (mime == null || mime.isBlank()) {
            return null;
        }
        try {
            return MimeType.from(mime.trim(), null).longType();
        } catch (IllegalArgumentException notKnownToTheKernel) {
            return mime.trim(); // image/svg+xml and other long forms the kernel's enum lacks
        }
    }
}
