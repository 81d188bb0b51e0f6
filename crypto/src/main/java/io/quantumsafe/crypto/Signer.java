package io.quantumsafe.crypto;

/**
 * Signs with one private key. Thread-safe; keep one per key and reuse it, since creating it parses
 * the key into the provider's form.
 *
 * <p>Signing is hedged (randomised) wherever the standard allows it: FIPS 204 and 205 recommend the
 * hedged variants, and Bouncy Castle would otherwise sign deterministically.
 */
public interface Signer {
    Algorithm algorithm();

    String keyId();

    /** Signs {@code message} with an empty context string. */
    byte[] sign(byte[] message);

    /**
     * Signs {@code message} under a context string (FIPS 204/205 section 5.2: up to 255 bytes, used to
     * separate domains such as "qsafe-settlement-v1" from other uses of the same key).
     *
     * @throws UnsupportedAlgorithmException if the algorithm has no context strings and {@code context} is not empty
     * @throws MalformedInputException if {@code context} is longer than 255 bytes
     * @throws KeyExpiredException if the key's cryptoperiod has ended
     */
    byte[] sign(byte[] message, byte[] context);
}
