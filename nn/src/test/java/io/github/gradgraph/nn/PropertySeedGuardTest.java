package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The guard of the style rule "property tests print their seed; a failure is reproducible from it", over the test
 * sources of every module: a random test seeded from the clock must take its seed from {@code gradgraph.seed} when
 * given (so {@code -Dgradgraph.seed=…} replays it) and print it. QuickTheories' own {@code qt()} seeds from the clock
 * and replays only through its own property, so every {@code qt()} here is given the seed with {@code withFixedSeed}.
 */
class PropertySeedGuardTest {
    private static final Pattern BARE_QT = Pattern.compile("qt\\(\\)(?!\\s*\\.withFixedSeed\\()");
    /** A generator seeded from the clock or from nothing, without the replay property. */
    private static final Pattern CLOCK_RANDOM = Pattern.compile(
            "new (Splittable)?Random\\(\\s*(System\\.(nanoTime|currentTimeMillis)\\(\\))?\\s*\\)|Math\\.random\\(\\)"
                    + "|ThreadLocalRandom|withFixedSeed\\(\\s*System\\.");
    private static final String REPLAY = "Long.getLong(\"gradgraph.seed\", System.nanoTime())";
    private static final Pattern PRINTS_SEED = Pattern.compile("System\\.out\\.println\\([^;]*seed \" \\+");

    @Test
    void everyClockSeededTest_printsItsSeed_andTakesTheReplayProperty() throws IOException {
        Path root = repositoryRoot();
        List<String> problems = new ArrayList<>();
        int scanned = 0;
        int seeded = 0;
        try (Stream<Path> modules = Files.list(root)) {
            for (Path tests : modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(tests)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")
                            && !p.endsWith("PropertySeedGuardTest.java")).toList()) { // its patterns would match
                        String text = Files.readString(f);
                        String where = root.relativize(f).toString();
                        scanned++;
                        Matcher qt = BARE_QT.matcher(text);
                        if (qt.find()) {
                            problems.add(where + ": qt() without withFixedSeed(SEED), at line " + line(text,
                                    qt.start()));
                        }
                        Matcher clock = CLOCK_RANDOM.matcher(text);
                        if (clock.find()) {
                            problems.add(where + ": " + clock.group() + " at line " + line(text, clock.start())
                                    + ", a seed nobody can replay; use " + REPLAY + " and print it");
                        }
                        if (text.contains(REPLAY)) {
                            seeded++;
                            if (!PRINTS_SEED.matcher(text).find()) {
                                problems.add(where + ": takes a clock seed but never prints it (System.out.println("
                                        + "\"… seed \" + SEED …))");
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems, "see STYLE.md: property tests print their seed");
        assertTrue(scanned > 100, "scanned only " + scanned + " test files under " + root);
        assertTrue(seeded >= 15, "found only " + seeded + " clock-seeded tests under " + root);
    }

    private static int line(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    /** @return the folder of the parent pom, above this module's (where Maven runs the tests) or the working one */
    private static Path repositoryRoot() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null && !(Files.isDirectory(p.resolve("nn/src/test/java"))
                && Files.isDirectory(p.resolve("core/src/test/java")))) {
            p = p.getParent();
        }
        assertNotNull(p, "no gradgraph checkout above " + System.getProperty("user.dir"));
        return p;
    }
}
