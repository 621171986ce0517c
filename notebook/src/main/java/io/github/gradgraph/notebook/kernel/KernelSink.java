package io.github.gradgraph.notebook.kernel;

import io.github.gradgraph.notebook.DisplaySink;
import io.github.gradgraph.notebook.Rich;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.display.DisplayData;

/**
 * A {@link DisplaySink} over the running kernel: {@code display_data} with a fresh display id, then
 * {@code update_display_data} with the same id. It renders the bundle itself rather than through the kernel's
 * display system, so an explicit display never depends on which providers the kernel found.
 */
final class KernelSink implements DisplaySink {
    private final Consumer<DisplayData> display;
    private final Consumer<DisplayData> update;

    /** The sink of the kernel this JVM runs. */
    static KernelSink running() {
        return new KernelSink(dd -> MainApp.kernel.display(dd), dd -> MainApp.kernel.updateDisplay(dd));
    }

    /**
     * @param display sends a new display. Not modified.
     * @param update replaces a display by the id it carries. Not modified.
     */
    KernelSink(Consumer<DisplayData> display, Consumer<DisplayData> update) {
        this.display = Objects.requireNonNull(display, "display");
        this.update = Objects.requireNonNull(update, "update");
    }

    @Override
    public String show(Rich r) {
        String id = UUID.randomUUID().toString();
        DisplayData dd = RichRenderer.displayData(r, null);
        dd.setDisplayId(id);
        display.accept(dd);
        return id;
    }

    @Override
    public void update(String id, Rich r) {
        DisplayData dd = RichRenderer.displayData(r, null);
        dd.setDisplayId(Objects.requireNonNull(id, "id"));
        update.accept(dd);
    }
}
