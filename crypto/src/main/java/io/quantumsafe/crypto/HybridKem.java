package io.quantumsafe.crypto;

import java.util.Arrays;

/**
 * X25519MLKEM768 as in draft-ietf-tls-ecdhe-mlkem: public key {@code ek || X25519 public}, ciphertext
 * {@code c || X25519 ephemeral public}, shared secret {@code K(ML-KEM) || X25519 output}, ML-KEM first
 * (the order FIPS-approved key derivation needs). Secure if either component is.
 */
final class HybridKem extends ObservedKem {
    private static final int mlKemCiphertextBytes = Algorithm.ML_KEM_768.ciphertextBytes();

    private final JcaKem mlKem;
    private final X25519Kem x25519;

    HybridKem(PqcEngine engine, JcaKem mlKem, X25519Kem x25519) {
        super(engine, Algorithm.X25519_MLKEM768, mlKem.provider);
        this.mlKem = mlKem;
        this.x25519 = x25519;
    }

    @Override
    KeyPair generateUnobserved() {
        KeyPair lattice = mlKem.generateUnobserved();
        KeyPair curve = x25519.generateUnobserved();
        PublicKey publicKey = new PublicKey(algorithm, new PublicKey[] {lattice.publicKey(), curve.publicKey()});
        PrivateKey privateKey = new PrivateKey(algorithm, new PrivateKey[] {lattice.privateKey(), curve.privateKey()}, publicKey);
        return new KeyPair(publicKey, privateKey);
    }

    @Override
    Encapsulation encapsulateUnobserved(PublicKey publicKey) {
        Encapsulation lattice = mlKem.encapsulateUnobserved(publicKey.component(0));
        Encapsulation curve = x25519.encapsulateUnobserved(publicKey.component(1));
        return new Encapsulation(KeyCodec.concat(lattice.ciphertext(), curve.ciphertext()),
                join(lattice.sharedSecret(), curve.sharedSecret()));
    }

    @Override
    SharedSecret decapsulateUnobserved(PrivateKey privateKey, byte[] ciphertext) {
        byte[] latticePart = Arrays.copyOfRange(ciphertext, 0, mlKemCiphertextBytes);
        byte[] curvePart = Arrays.copyOfRange(ciphertext, mlKemCiphertextBytes, ciphertext.length);
        SharedSecret lattice = mlKem.decapsulateUnobserved(privateKey.component(0), latticePart);
        SharedSecret curve = x25519.decapsulateUnobserved(privateKey.component(1), curvePart);
        return join(lattice, curve);
    }

    private static SharedSecret join(SharedSecret first, SharedSecret second) {
        try {
            return new SharedSecret(KeyCodec.concat(first.bytesUnsafe(), second.bytesUnsafe()));
        } finally {
            first.destroy();
            second.destroy();
        }
    }
}
