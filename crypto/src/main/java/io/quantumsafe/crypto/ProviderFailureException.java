package io.quantumsafe.crypto;

/** A provider failed in a way no input explains; a bug or a broken installation, reported with its cause. */
public final class ProviderFailureException extends CryptoException {
    public ProviderFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
