package io.quantumsafe.consensus.message;

/** Bytes from a peer that are not a valid message under the codec's limits; the message says what is wrong. */
public final class MalformedMessageException extends Exception {
    public MalformedMessageException(String message) {
        super(message, null, false, false);
    }
}
