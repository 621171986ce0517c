package io.github.gradgraph.notebook.kernel;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where Jupyter looks for the user's kernel specs: {@code jupyter --data-dir}, without running Jupyter. */
final class JupyterDataDir {
    private JupyterDataDir() {
    }

    /**
     * @param env the environment. Not modified.
     * @param osName {@code os.name}
     * @param home {@code user.home}
     * @return {@code $JUPYTER_DATA_DIR}, else {@code ~/Library/Jupyter} on macOS, {@code %APPDATA%\jupyter} on Windows,
     *     {@code $XDG_DATA_HOME/jupyter} or {@code ~/.local/share/jupyter} elsewhere
     */
    static Path resolve(Map<String, String> env, String osName, Path home) {
        String explicit = env.get("JUPYTER_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return home.resolve("Library").resolve("Jupyter");
        }
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return appData != null && !appData.isBlank() ? Path.of(appData, "jupyter")
                    : home.resolve("AppData").resolve("Roaming").resolve("jupyter");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "jupyter")
                : home.resolve(".local").resolve("share").resolve("jupyter");
    }
}
