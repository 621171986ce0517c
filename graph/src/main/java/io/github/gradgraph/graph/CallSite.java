package io.github.gradgraph.graph;

import java.util.List;
import java.util.Optional;

/**
 * The user's source line that created a node, for error messages: the first stack frame outside gradgraph's own
 * classes, the command-line framework, Spark (whose executors rebuild a network) and the JDK. Test classes (names containing {@code Test}) count as user code.
 * A node built by gradgraph itself with no user code on the stack (the command line's network) is attributed to the
 * gradgraph class that built it, outside the graph engine (such as {@code Network.java:52}).
 */
public final class CallSite {
    private static final String OWN = "io.github.gradgraph.";
    private static final String ENGINE = "io.github.gradgraph.graph.";
    private static final List<String> FRAMEWORKS = List.of("picocli.", "java.", "javax.", "jdk.", "sun.",
            "org.apache.spark.", "scala.");
    private static final StackWalker WALKER = StackWalker.getInstance();

    private CallSite() {
    }

    /** @return {@code File.java:42}, or {@code unknown} when no frame has a file name */
    public static String capture() {
        Optional<StackWalker.StackFrame> user = WALKER.walk(s -> s.filter(f -> f.getFileName() != null)
                .filter(CallSite::isUser).findFirst());
        if (user.isEmpty()) { // only gradgraph and frameworks on the stack: name the gradgraph class that built it
            user = WALKER.walk(s -> s.filter(f -> f.getFileName() != null && f.getClassName().startsWith(OWN)
                    && !f.getClassName().startsWith(ENGINE)).findFirst());
        }
        return user.map(f -> f.getFileName() + ":" + f.getLineNumber()).orElse("unknown");
    }

    private static boolean isUser(StackWalker.StackFrame f) {
        String c = f.getClassName();
        if (c.startsWith(OWN)) {
            return c.contains("Test");
        }
        return FRAMEWORKS.stream().noneMatch(c::startsWith);
    }
}
