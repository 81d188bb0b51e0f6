package io.quantumsafe.cli;

/** A failure whose message is the whole story for the user: printed as "qsafe: message", exit 1. */
public final class CommandFailure extends RuntimeException {
    public CommandFailure(String message) {
        super(message);
    }
}
