package io.github.gradgraph.graph;

import java.util.Optional;

/**
 * The user's source line that created a node, for error messages: the first stack frame outside gradgraph's own
 * classes. Test classes (names containing {@code Test}) count as user code.
 */
public final class CallSite {
    private static final String OWN = "io.github.gradgraph.";
    private static final StackWalker WALKER = StackWalker.getInstance();

    private CallSite() {
    }

    /** @return {@code File.java:42}, or {@code unknown} when no frame has a file name */
    public static String capture() {
        Optional<StackWalker.StackFrame> frame = WALKER.walk(frames -> frames
                .filter(f -> !f.getClassName().startsWith(OWN) || f.getClassName().contains("Test"))
                .findFirst());
        return frame.filter(f -> f.getFileName() != null)
                .map(f -> f.getFileName() + ":" + f.getLineNumber())
                .orElse("unknown");
    }
}
