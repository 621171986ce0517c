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
            "org.apache.spark.", "scala.", "io.javalin.", "org.eclipse.jetty.", "kotlin.", "jakarta.", "org.glassfish.");
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final ThreadLocal<String> GIVEN = new ThreadLocal<>();

    private CallSite() {
    }

    /**
     * Builds nodes whose call site is {@code site} rather than a stack frame: for nodes a parsed formula makes, whose
     * source is a position in the formula (such as {@code formula line 1, column 6}), not a line of Java; or for
     * everything a caller builds from a description rather than from code of the user's, such as the playground's
     * network, which a server would otherwise attribute to its own request handler:
     *
     * <pre>{@code
     * Network net = CallSite.within("playground network", () -> Network.build(spec));
     * }</pre>
     *
     * <p>Every node made inside on this thread — by the caller, by composites, by rewrites, by gradients — carries
     * {@code site}, except where a nested call names a more precise one (a formula parsed inside names its
     * positions; a rewritten node keeps the site of the node it replaces). Errors and warnings say
     * {@code (at playground network)}.
     *
     * @param site what {@link #capture()} returns meanwhile, on this thread
     * @param make builds the nodes
     * @return what {@code make} returned
     */
    public static <T> T within(String site, java.util.function.Supplier<T> make) {
        String outer = GIVEN.get();
        GIVEN.set(site);
        try {
            return make.get();
        } finally {
            if (outer == null) {
                GIVEN.remove();
            } else {
                GIVEN.set(outer);
            }
        }
    }

    /** @return {@code File.java:42}, or {@code unknown} when no frame has a file name */
    public static String capture() {
        String given = GIVEN.get();
        if (given != null) {
            return given;
        }
        // One walk: the first user frame, else the first gradgraph frame outside the engine (only gradgraph and
        // frameworks on the stack: the gradgraph class that built it)
        StackWalker.StackFrame[] own = new StackWalker.StackFrame[1];
        Optional<StackWalker.StackFrame> user = WALKER.walk(s -> s.filter(f -> f.getFileName() != null).filter(f -> {
            if (own[0] == null && f.getClassName().startsWith(OWN) && !f.getClassName().startsWith(ENGINE)) {
                own[0] = f;
            }
            return isUser(f);
        }).findFirst());
        return user.or(() -> Optional.ofNullable(own[0])).map(f -> f.getFileName() + ":" + f.getLineNumber())
                .orElse("unknown");
    }

    private static boolean isUser(StackWalker.StackFrame f) {
        String c = f.getClassName();
        if (c.startsWith(OWN)) {
            return c.contains("Test");
        }
        return FRAMEWORKS.stream().noneMatch(c::startsWith);
    }
}
