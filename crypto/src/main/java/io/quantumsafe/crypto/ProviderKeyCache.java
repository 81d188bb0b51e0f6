package io.quantumsafe.crypto;

import java.util.function.Supplier;

/**
 * One provider-specific key object per provider, created on first use. Parsing a key into a
 * provider's form costs about as much as a signature verification for ML-DSA, so it is done once
 * per key, not once per operation.
 */
final class ProviderKeyCache<K> {
    private volatile K jdk;
    private volatile K bouncyCastle;

    K get(CryptoProvider provider, Supplier<K> create) {
        K key = provider == CryptoProvider.JDK ? jdk : bouncyCastle;
        if (key != null) return key;
        key = create.get();
        put(provider, key); // a race creates two equivalent objects; either is fine to keep
        return key;
    }

    /** Records an object known up front (a generated key), without a supplier to allocate per call. */
    void put(CryptoProvider provider, K key) {
        if (provider == CryptoProvider.JDK) jdk = key; else bouncyCastle = key;
    }

    void clear() {
        jdk = null;
        bouncyCastle = null;
    }
}
