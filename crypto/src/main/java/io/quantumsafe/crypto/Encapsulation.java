package io.quantumsafe.crypto;

/** The result of encapsulation: the ciphertext to send and the shared secret to keep. */
public record Encapsulation(byte[] ciphertext, SharedSecret sharedSecret) {
}
