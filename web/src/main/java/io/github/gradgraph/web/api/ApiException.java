package io.github.gradgraph.web.api;

/**
 * A request the playground refuses, with the HTTP status to answer and a one-line message that names the culprit
 * (the field, the session, the limit). The server turns it into {@code {"error": message}}; nothing is logged.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /**
     * @param status  a 4xx status
     * @param message what is wrong, in one line
     */
    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** @return 400, for a malformed or invalid request */
    public static ApiException bad(String message) {
        return new ApiException(400, message);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }
}
