package io.github.gradgraph.notebook.kernel;

/** A problem the user can fix, said in one line that names the culprit; printed without a stack trace. */
final class NotebookException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotebookException(String message) {
        super(message);
    }

    NotebookException(String message, Throwable cause) {
        super(message, cause);
    }
}
