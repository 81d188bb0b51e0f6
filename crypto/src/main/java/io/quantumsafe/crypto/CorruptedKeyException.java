package io.quantumsafe.crypto;

/** Key bytes that do not decode, or whose parts disagree (e.g. a seed that does not expand to the stored key). */
public final class CorruptedKeyException extends CryptoException {
    public CorruptedKeyException(String message) {
        super(message);
    }

    public CorruptedKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
