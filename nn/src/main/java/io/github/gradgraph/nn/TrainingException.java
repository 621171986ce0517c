package io.github.gradgraph.nn;

/** Training cannot go on: the loss or a gradient stopped being finite. Parameters keep their last finite values. */
public class TrainingException extends RuntimeException {
    /** @param message the epoch, batch and the first node whose value is not finite */
    public TrainingException(String message) {
        super(message);
    }
}
