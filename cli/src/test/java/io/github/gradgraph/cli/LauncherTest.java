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
        // the playground is built only on the 'serve' branch, which ends in its own exec
        int serve = launcher.indexOf("if [ \"${1:-}\" = \"serve\" ]; then");
        int web = launcher.indexOf("package -pl web -am");
        int serveEnd = launcher.indexOf("\nfi\n", web);
        assertTrue(serve > 0 && web > serve && serveEnd > web && launcher.lastIndexOf("package -pl web") == web
                && launcher.substring(web, serveEnd).contains("exec java"), "web is built for serve only");
        // stdout belongs to the command (--json callers parse it): the build says what it does, and Maven says
        // anything, on stderr only
        for (String line : launcher.lines().toList()) {
            String code = line.strip();
            if (code.startsWith("echo ") || code.contains("mvn ")) {
                String rest = code.contains("mvn ") && !code.endsWith(">&2")
                        ? launcher.substring(launcher.indexOf(line)).lines().filter(l -> l.contains(")"))
                                .findFirst().orElse("") : code;
                assertTrue(rest.endsWith(">&2"), "not to stderr: " + line);
            }
        }
        assertTrue(launcher.contains("echo \"gradgraph: building the jars with Maven, once (about a minute on a "
                + "first run"), "the first build says that it takes a minute");
        assertFalse(Files.readString(Path.of("pom.xml")).contains("gradgraph-web"), "cli must not depend on web");
        String pom = Files.readString(Path.of("pom.xml"));
        assertFalse(pom.contains("spark"), "cli must not depend on Spark or on the spark module");
        for (String module : new String[] {"core", "graph", "nn"}) {
            assertFalse(Files.readString(Path.of("..", module, "pom.xml")).contains("org.apache.spark"), module);
        }
    }
}
