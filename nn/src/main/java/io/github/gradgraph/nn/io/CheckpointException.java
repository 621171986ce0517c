package io.github.gradgraph.nn.io;

/** A checkpoint file that cannot be written or trusted; the message names the file and the problem. */
public class CheckpointException extends RuntimeException {
    /** @param message the file and what is wrong */
    public CheckpointException(String message) {
        super(message);
    }

    /** @param message the file and what is wrong; @param cause the underlying failure */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
