package io.quantumsafe.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;

/** Key generation through JCA KeyPairGenerators, pooled because they are not thread-safe. */
final class KeyPairs {
    private KeyPairs() {}

    static KeyPairGenerator newGenerator(Algorithm algorithm, CryptoProvider provider, SecureRandom random) {
        Providers.JcaNames names = Providers.names(algorithm, provider);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(names.keyPairGenerator(),
                    Providers.provider(algorithm, provider));
            generator.initialize(names.keyPairParameters(), random);
            return generator;
        } catch (GeneralSecurityException e) {
            throw new UnsupportedAlgorithmException(provider + " cannot generate " + algorithm + " keys", e);
        }
    }

    static KeyPair generate(Algorithm algorithm, CryptoProvider provider, Pool<KeyPairGenerator> generators) {
        java.security.KeyPair pair = generateJca(algorithm, provider, generators);
        PublicKey publicKey = new PublicKey(algorithm, pair.getPublic(), provider);
        return new KeyPair(publicKey, new PrivateKey(algorithm, pair.getPrivate(), provider, publicKey));
    }

    /** A key pair in the provider's own objects, from a pooled generator (a failing generator is not returned to the pool). */
    static java.security.KeyPair generateJca(Algorithm algorithm, CryptoProvider provider, Pool<KeyPairGenerator> generators) {
        KeyPairGenerator generator = generators.acquire();
        java.security.KeyPair pair;
        try {
            pair = generator.generateKeyPair();
        } catch (RuntimeException e) {
            throw new ProviderFailureException(provider + " failed to generate a " + algorithm + " key pair", e);
        }
        generators.release(generator);
        return pair;
    }
}
