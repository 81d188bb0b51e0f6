package io.quantumsafe.crypto;

/** A signature, ciphertext, encoding or parameter that is the wrong length or cannot be decoded. */
public final class MalformedInputException extends CryptoException {
    public MalformedInputException(String message) {
        super(message);
    }

    public MalformedInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
