package io.quantumsafe.crypto;

/** A freshly generated or loaded key pair. */
public record KeyPair(PublicKey publicKey, PrivateKey privateKey) {
    public KeyPair {
        if (publicKey.algorithm() != privateKey.algorithm()) {
            throw new KeyMismatchException("key pair mixes " + publicKey.algorithm() + " and " + privateKey.algorithm());
        }
    }

    public Algorithm algorithm() { return publicKey.algorithm(); }
}
