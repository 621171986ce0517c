package io.github.gradgraph.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The default {@code ./gradgraph train} on a fresh clone must stay fast: the launcher builds the command line and what
 * it needs, never the spark module, and the command line needs no Spark (which Maven would otherwise download, some
 * 230 MB, on the first run).
 */
class LauncherTest {
    @Test
    void theLauncherBuildsTheCommandLineOnly_andTheCommandLineNeedsNoSpark() throws IOException {
        String launcher = Files.readString(Path.of("..", "gradgraph"));
        assertTrue(launcher.contains("package -pl cli -am"), "the launcher builds cli and its modules only");
        String pom = Files.readString(Path.of("pom.xml"));
        assertFalse(pom.contains("spark"), "cli must not depend on Spark or on the spark module");
        for (String module : new String[] {"core", "graph", "nn"}) {
            assertFalse(Files.readString(Path.of("..", module, "pom.xml")).contains("org.apache.spark"), module);
        }
    }
}
