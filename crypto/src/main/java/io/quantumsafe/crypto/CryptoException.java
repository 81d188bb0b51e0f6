package io.quantumsafe.crypto;

/**
 * Base of every error the engine reports. Provider exceptions never leak out: each is mapped to
 * one of these types, with a message that says what was wrong and, where it helps, what to do.
 */
public abstract sealed class CryptoException extends RuntimeException
        permits KeyMismatchException, MalformedInputException, CorruptedKeyException,
                WrongPasswordException, KeyExpiredException, UnsupportedAlgorithmException,
                ProviderFailureException {

    protected CryptoException(String message) {
        super(message);
    }

    protected CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
