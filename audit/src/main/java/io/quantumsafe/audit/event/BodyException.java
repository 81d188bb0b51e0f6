package io.quantumsafe.audit.event;

/**
 * A request body that cannot be read as events at all: malformed JSON (400) or too large (413).
 * Problems with single events are not exceptions; they come back as {@link FieldError}s.
 */
public final class BodyException extends Exception {
    private final int httpStatus;

    public BodyException(int httpStatus, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() { return httpStatus; }
}
