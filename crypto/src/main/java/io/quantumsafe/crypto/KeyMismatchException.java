package io.quantumsafe.crypto;

/** A key of the wrong algorithm or kind (public where private is needed, KEM key to a signer, ...). */
public final class KeyMismatchException extends CryptoException {
    public KeyMismatchException(String message) {
        super(message);
    }
}
