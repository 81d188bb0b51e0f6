package io.quantumsafe.crypto;

/**
 * A key encapsulation mechanism: ML-KEM, X25519 (ephemeral-static) or the X25519MLKEM768 hybrid.
 * Thread-safe.
 */
public interface Kem {
    Algorithm algorithm();

    KeyPair generateKeyPair();

    /**
     * Creates a fresh shared secret and the ciphertext that carries it to the holder of the private key.
     *
     * @throws KeyMismatchException if {@code publicKey} is not a key of this algorithm
     */
    Encapsulation encapsulate(PublicKey publicKey);

    /**
     * Recovers the shared secret. A well-formed but altered ML-KEM ciphertext does not fail: FIPS 203
     * implicit rejection returns an unrelated secret, so the parties' keys simply disagree.
     *
     * @throws MalformedInputException if the ciphertext length is wrong, or an X25519 share is invalid
     * @throws KeyMismatchException if {@code privateKey} is not a key of this algorithm
     */
    SharedSecret decapsulate(PrivateKey privateKey, byte[] ciphertext);
}
