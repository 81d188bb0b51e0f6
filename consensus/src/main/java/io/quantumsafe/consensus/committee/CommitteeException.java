package io.quantumsafe.consensus.committee;

/** A committee file that cannot be used, with the line and the reason, for the operator to fix. */
public final class CommitteeException extends RuntimeException {
    public CommitteeException(String message) {
        super(message);
    }
}
