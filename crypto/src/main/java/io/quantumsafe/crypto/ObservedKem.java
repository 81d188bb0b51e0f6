package io.quantumsafe.crypto;

import java.util.Objects;

/**
 * The public {@link Kem} methods: argument checks and observer reports around the unobserved
 * operations a concrete KEM implements (a hybrid calls its components' unobserved operations, so
 * that one hybrid operation is reported once).
 */
abstract sealed class ObservedKem implements Kem permits JcaKem, X25519Kem, HybridKem {
    final PqcEngine engine;
    final Algorithm algorithm;
    final CryptoProvider provider;

    ObservedKem(PqcEngine engine, Algorithm algorithm, CryptoProvider provider) {
        this.engine = engine;
        this.algorithm = algorithm;
        this.provider = provider;
    }

    abstract KeyPair generateUnobserved();

    abstract Encapsulation encapsulateUnobserved(PublicKey publicKey);

    abstract SharedSecret decapsulateUnobserved(PrivateKey privateKey, byte[] ciphertext);

    @Override
    public final Algorithm algorithm() { return algorithm; }

    @Override
    public final KeyPair generateKeyPair() {
        Observation observation = engine.observation();
        if (!observation.enabled()) return generateUnobserved();
        long start = System.nanoTime();
        try {
            KeyPair pair = generateUnobserved();
            observation.report(CryptoOperation.KEYGEN, algorithm, provider, pair.privateKey().keyId(), start, 0,
                    CryptoEvent.Status.OK, null);
            return pair;
        } catch (CryptoException e) {
            observation.report(CryptoOperation.KEYGEN, algorithm, provider, null, start, 0, CryptoEvent.Status.FAILED, e);
            throw e;
        }
    }

    @Override
    public final Encapsulation encapsulate(PublicKey publicKey) {
        checkKey(publicKey.algorithm(), "public");
        Observation observation = engine.observation();
        if (!observation.enabled()) return encapsulateUnobserved(publicKey);
        long start = System.nanoTime();
        try {
            Encapsulation encapsulation = encapsulateUnobserved(publicKey);
            observation.report(CryptoOperation.ENCAPSULATE, algorithm, provider, publicKey.fingerprint(), start,
                    encapsulation.ciphertext().length, CryptoEvent.Status.OK, null);
            return encapsulation;
        } catch (CryptoException e) {
            observation.report(CryptoOperation.ENCAPSULATE, algorithm, provider, publicKey.fingerprint(), start, 0,
                    CryptoEvent.Status.FAILED, e);
            throw e;
        }
    }

    @Override
    public final SharedSecret decapsulate(PrivateKey privateKey, byte[] ciphertext) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        checkKey(privateKey.algorithm(), "private");
        Observation observation = engine.observation();
        if (!observation.enabled()) return checkedDecapsulate(privateKey, ciphertext);
        long start = System.nanoTime();
        try {
            SharedSecret secret = checkedDecapsulate(privateKey, ciphertext);
            observation.report(CryptoOperation.DECAPSULATE, algorithm, provider, privateKey.keyId(), start,
                    ciphertext.length, CryptoEvent.Status.OK, null);
            return secret;
        } catch (CryptoException e) {
            observation.report(CryptoOperation.DECAPSULATE, algorithm, provider, privateKey.keyId(), start,
                    ciphertext.length, CryptoEvent.Status.FAILED, e);
            throw e;
        }
    }

    private SharedSecret checkedDecapsulate(PrivateKey privateKey, byte[] ciphertext) {
        if (ciphertext.length != algorithm.ciphertextBytes()) {
            throw new MalformedInputException(algorithm + " ciphertext is " + ciphertext.length + " bytes, expected "
                    + algorithm.ciphertextBytes());
        }
        privateKey.checkNotDestroyed();
        return decapsulateUnobserved(privateKey, ciphertext);
    }

    private void checkKey(Algorithm keyAlgorithm, String kind) {
        if (keyAlgorithm != algorithm) {
            throw new KeyMismatchException("a " + keyAlgorithm + " " + kind + " key was given to the " + algorithm + " KEM");
        }
    }
}
