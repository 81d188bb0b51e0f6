package io.quantumsafe.crypto;

/** A private key used past the end of its cryptoperiod for an operation that creates new material. */
public final class KeyExpiredException extends CryptoException {
    public KeyExpiredException(String message) {
        super(message);
    }
}
