package io.github.gradgraph.nn.data;

/** Data that cannot be used, with the file, line and column at fault in the message. */
public class DataException extends RuntimeException {
    /** @param message what is wrong and where */
    public DataException(String message) {
        super(message);
    }

    /** @param message what is wrong and where; @param cause the underlying failure */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
