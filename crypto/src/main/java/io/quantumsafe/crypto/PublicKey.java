package io.quantumsafe.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A public key of one {@link Algorithm}, independent of the provider that uses it.
 *
 * <p>Its canonical encoding is the X.509 SubjectPublicKeyInfo with the algorithm's OID, or, for
 * X25519MLKEM768 (which has no key format outside TLS), the raw concatenation
 * {@code ek(ML-KEM-768) || X25519 public key} used in the TLS key share. Instances are immutable and
 * thread-safe. A freshly generated key computes its encoding only when asked for it, so that key
 * generation costs what the provider costs; provider key objects are cached per provider.
 */
public final class PublicKey {
    private static final HexFormat HEX = HexFormat.of();

    private final Algorithm algorithm;
    private final PublicKey[] components;
    private final java.security.PublicKey generated;
    private volatile byte[] encoded;
    private volatile byte[] raw;
    private volatile String fingerprint;
    final ProviderKeyCache<java.security.PublicKey> jcaKeys = new ProviderKeyCache<>();
    /** Provider operation objects bound to this key (a KEM encapsulator), created on first use. */
    final ProviderKeyCache<Object> operations = new ProviderKeyCache<>();

    /** A decoded key: its canonical encoding and raw bytes are known. */
    PublicKey(Algorithm algorithm, byte[] encoded, byte[] raw, PublicKey[] components) {
        this.algorithm = algorithm;
        this.encoded = encoded;
        this.raw = raw;
        this.components = components;
        this.generated = null;
    }

    /** A generated key, known as the provider's object until its encoding is needed. */
    PublicKey(Algorithm algorithm, java.security.PublicKey generated, CryptoProvider provider) {
        this.algorithm = algorithm;
        this.generated = generated;
        this.components = null;
        jcaKeys.put(provider, generated);
    }

    /** A generated hybrid key, encoded from its components when needed. */
    PublicKey(Algorithm algorithm, PublicKey[] components) {
        this.algorithm = algorithm;
        this.components = components;
        this.generated = null;
    }

    public Algorithm algorithm() { return algorithm; }

    /** The canonical encoding (SubjectPublicKeyInfo, or raw for X25519MLKEM768). */
    public byte[] encoded() { return encodedUnsafe().clone(); }

    /** The key itself without the SubjectPublicKeyInfo wrapper, {@link Algorithm#publicKeyBytes()} long. */
    public byte[] raw() { return rawUnsafe().clone(); }

    /**
     * A short, stable identifier: the first 8 bytes of SHA-256 over the canonical encoding, in hex.
     * Audit events and key stores use it where no name was given.
     */
    public String fingerprint() {
        String value = fingerprint;
        if (value == null) {
            value = fingerprintOf(encodedUnsafe());
            fingerprint = value;
        }
        return value;
    }

    byte[] encodedUnsafe() {
        byte[] value = encoded;
        if (value == null) {
            materialise();
            value = encoded;
        }
        return value;
    }

    byte[] rawUnsafe() {
        byte[] value = raw;
        if (value == null) {
            materialise();
            value = raw;
        }
        return value;
    }

    /**
     * This key as the given provider's JCA key, for APIs that need one (X.509 builders, JSSE). Not
     * available for X25519MLKEM768, which has no JCA form.
     */
    public java.security.PublicKey asJcaKey(CryptoProvider provider) {
        if (components != null) throw new UnsupportedAlgorithmException(algorithm + " has no JCA key form");
        return jcaKeys.get(provider, () -> KeyCodec.toJca(this, provider));
    }

    /** The component keys of a hybrid, in the order of its encoding. */
    PublicKey component(int index) { return components[index]; }

    private synchronized void materialise() {
        if (encoded != null) return;
        if (components != null) {
            byte[] joined = KeyCodec.concat(components[0].rawUnsafe(), components[1].rawUnsafe());
            raw = joined;
            encoded = joined;
            return;
        }
        // The provider generated this key, so its encoding is trusted: take the raw key from the
        // end of its SubjectPublicKeyInfo and re-wrap it in the canonical header.
        byte[] providerEncoding = generated.getEncoded();
        byte[] rawKey = Arrays.copyOfRange(providerEncoding, providerEncoding.length - algorithm.publicKeyBytes(),
                providerEncoding.length);
        raw = rawKey;
        encoded = SubjectPublicKeyInfos.encode(algorithm, rawKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey other && algorithm == other.algorithm
                && Arrays.equals(encodedUnsafe(), other.encodedUnsafe());
    }

    @Override
    public int hashCode() { return 31 * algorithm.hashCode() + Arrays.hashCode(encodedUnsafe()); }

    @Override
    public String toString() { return algorithm.displayName() + " public key " + fingerprint(); }

    static String fingerprintOf(byte[] encoded) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(encoded);
            return HEX.formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new ProviderFailureException("SHA-256 is missing from this JDK", e);
        }
    }
}
