package io.quantumsafe.crypto;

/**
 * An encrypted key did not authenticate. AES-GCM cannot tell a wrong password from a modified
 * file, so the message names both.
 */
public final class WrongPasswordException extends CryptoException {
    public WrongPasswordException(String message) {
        super(message);
    }
}
