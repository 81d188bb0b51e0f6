package io.quantumsafe.crypto;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * A private key of one {@link Algorithm}, with the identity and cryptoperiod the key store gave it.
 *
 * <p>The canonical encoding is PKCS#8. For ML-KEM and ML-DSA it uses the expanded private key form,
 * the one form that both JDK 25 and Bouncy Castle read (JDK 25 rejects the seed and "both" forms);
 * {@link KeyCodec} reads all three. For X25519MLKEM768 it is the raw concatenation
 * {@code dk(ML-KEM-768) || X25519 scalar}. A freshly generated key computes it only when asked.
 *
 * <p>{@link #destroy()} wipes the engine's copy of the key bytes and drops the provider objects.
 * The providers' own key objects cannot be wiped through the JCA, so they are only released.
 */
public final class PrivateKey implements Destroyable, AutoCloseable {
    private final Algorithm algorithm;
    private final PublicKey publicKey;
    private final String keyId;
    private final Instant notAfter;
    private final PrivateKey[] components;
    private final java.security.PrivateKey generated;
    private volatile byte[] encoded;
    private volatile boolean destroyed;
    final ProviderKeyCache<java.security.PrivateKey> jcaKeys = new ProviderKeyCache<>();
    /** Provider operation objects bound to this key (a KEM decapsulator), created on first use. */
    final ProviderKeyCache<Object> operations = new ProviderKeyCache<>();

    /** A decoded key. */
    PrivateKey(Algorithm algorithm, byte[] encoded, PublicKey publicKey, String keyId, Instant notAfter,
               PrivateKey[] components) {
        this.algorithm = algorithm;
        this.encoded = encoded;
        this.publicKey = publicKey;
        this.keyId = keyId;
        this.notAfter = notAfter;
        this.components = components;
        this.generated = null;
    }

    /** A generated key, known as the provider's object until its encoding is needed. */
    PrivateKey(Algorithm algorithm, java.security.PrivateKey generated, CryptoProvider provider, PublicKey publicKey) {
        this.algorithm = algorithm;
        this.generated = generated;
        this.publicKey = publicKey;
        this.keyId = null;
        this.notAfter = null;
        this.components = null;
        jcaKeys.put(provider, generated);
    }

    /** A generated hybrid key. */
    PrivateKey(Algorithm algorithm, PrivateKey[] components, PublicKey publicKey) {
        this.algorithm = algorithm;
        this.components = components;
        this.publicKey = publicKey;
        this.keyId = null;
        this.notAfter = null;
        this.generated = null;
    }

    public Algorithm algorithm() { return algorithm; }

    /** The matching public key, always available (derived from the private key where not stored). */
    public PublicKey publicKey() { return publicKey; }

    /** The key store's id for this key, or the public key's fingerprint. Reported to observers. */
    public String keyId() { return keyId != null ? keyId : publicKey.fingerprint(); }

    /** End of the cryptoperiod: after it the key no longer signs. Empty when unlimited. */
    public Optional<Instant> notAfter() { return Optional.ofNullable(notAfter); }

    /** A copy of the canonical encoding (see the class comment). The caller should wipe it after use. */
    public byte[] encoded() { return encodedUnsafe().clone(); }

    /** The same key under another identity or cryptoperiod (used by the key store). */
    public PrivateKey withIdentity(String newKeyId, Instant newNotAfter) {
        PrivateKey[] copies = components == null ? null
                : Arrays.stream(components).map(c -> c.withIdentity(newKeyId, newNotAfter)).toArray(PrivateKey[]::new);
        return new PrivateKey(algorithm, encodedUnsafe().clone(), publicKey, newKeyId, newNotAfter, copies);
    }

    /**
     * This key as the given provider's JCA key, for APIs that need one (a JSSE KeyManager). The
     * returned object is the provider's and cannot be wiped by {@link #destroy()}; prefer the
     * engine's {@link Signer} wherever an API accepts one. Not available for X25519MLKEM768.
     */
    public java.security.PrivateKey asJcaKey(CryptoProvider provider) {
        checkNotDestroyed();
        if (components != null) throw new UnsupportedAlgorithmException(algorithm + " has no JCA key form");
        return jcaKeys.get(provider, () -> KeyCodec.toJca(this, provider));
    }

    @Override
    public synchronized void destroy() {
        destroyed = true;
        byte[] value = encoded;
        if (value != null) Arrays.fill(value, (byte) 0);
        jcaKeys.clear();
        operations.clear();
        if (components != null) {
            for (PrivateKey component : components) component.destroy();
        }
    }

    @Override
    public boolean isDestroyed() { return destroyed; }

    /** Same as {@link #destroy()}, for try-with-resources. */
    @Override
    public void close() { destroy(); }

    @Override
    public String toString() { return algorithm.displayName() + " private key " + keyId(); }

    byte[] encodedUnsafe() {
        checkNotDestroyed();
        byte[] value = encoded;
        if (value == null) {
            materialise();
            value = encoded;
        }
        return value;
    }

    PrivateKey component(int index) {
        checkNotDestroyed();
        return components[index];
    }

    void checkNotDestroyed() {
        if (destroyed) {
            throw new KeyMismatchException("private key " + keyId() + " was destroyed; load it again from the key store");
        }
    }

    private synchronized void materialise() {
        if (encoded != null) return;
        if (components != null) {
            encoded = KeyCodec.concat(KeyCodec.rawPrivate(components[0]), KeyCodec.rawPrivate(components[1]));
        } else {
            byte[] providerEncoding = generated.getEncoded();
            try {
                encoded = KeyCodec.decodePrivateKey(algorithm, providerEncoding).encodedUnsafe();
            } finally {
                Arrays.fill(providerEncoding, (byte) 0);
            }
        }
    }
}
