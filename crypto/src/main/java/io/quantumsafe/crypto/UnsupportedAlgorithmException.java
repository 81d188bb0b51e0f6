package io.quantumsafe.crypto;

/** An algorithm, feature (such as a context string) or provider that is not available. */
public final class UnsupportedAlgorithmException extends CryptoException {
    public UnsupportedAlgorithmException(String message) {
        super(message);
    }

    public UnsupportedAlgorithmException(String message, Throwable cause) {
        super(message, cause);
    }
}
