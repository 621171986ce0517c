package io.github.gradgraph.nn.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;

/**
 * Writes {@code text/pseudo_names.txt}, the project's own small text for character-level models: {@value #COUNT}
 * distinct made-up lowercase names, one a line, from syllables drawn by {@code java.util.Random} (whose sequence the
 * JDK specifies) with a fixed seed, so the file is the same on every machine and nothing in it comes from a third-party
 * data set. Every letter a…z occurs, so its vocabulary is {@code \n}, a…z (27). {@code PseudoNamesTest} checks the
 * committed file is this generator's output; rerun {@link #main} to rewrite it after changing the generator.
 */
public final class PseudoNames {
    /** The number of names. */
    public static final int COUNT = 1000;
    /** The resource, relative to this package. */
    public static final String RESOURCE = "text/pseudo_names.txt";

    private static final String[] ONSETS = {"b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kr", "l",
        "m", "n", "p", "ph", "qu", "r", "s", "sk", "st", "t", "th", "tr", "v", "w", "x", "y", "z"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "a", "e", "i", "o", "ae", "ia", "ou", "y"};
    private static final String[] CODAS = {"", "", "", "n", "r", "s", "l", "m", "x", "k", "th", "z"};
    private static final String[] ENDINGS = {"", "", "", "us", "on", "ia", "ax", "or", "ex", "yx", "a", "o", "ix"};

    private PseudoNames() {
    }

    /** @return the text: {@value #COUNT} names, each ended by {@code \n} */
    public static String text() {
        Random r = new Random(20261205L);
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < COUNT) {
            StringBuilder s = new StringBuilder();
            int syllables = 1 + r.nextInt(3);
            for (int i = 0; i < syllables; i++) {
                s.append(pick(ONSETS, r)).append(pick(VOWELS, r));
                if (i == syllables - 1 || r.nextInt(3) == 0) {
                    s.append(pick(CODAS, r));
                }
            }
            s.append(pick(ENDINGS, r));
            if (s.length() >= 3) {
                names.add(s.toString());
            }
        }
        return String.join("\n", names) + "\n";
    }

    private static String pick(String[] from, Random r) {
        return from[r.nextInt(from.length)];
    }

    /** Writes the file under {@code args[0]} (the test resources' folder of this package). */
    public static void main(String[] args) throws IOException {
        Path f = Path.of(args[0]).resolve(RESOURCE);
        Files.createDirectories(f.getParent());
        Files.write(f, text().getBytes(StandardCharsets.UTF_8));
    }
}
