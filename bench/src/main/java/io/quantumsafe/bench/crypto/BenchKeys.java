package io.quantumsafe.bench.crypto;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.CryptoProvider;
import io.quantumsafe.crypto.KeyCodec;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import java.security.SecureRandom;

/**
 * Inputs shared by the benchmarks. Keys and messages rotate on every invocation: Bouncy Castle's
 * ML-DSA signing is deterministic for a fixed key and message, so a single pair would repeat one
 * rejection-sampling path (FACTS.md measured 1,759 us on one such path against 410 us on another).
 */
final class BenchKeys {
    static final int keyCount = 8;
    static final int messageCount = 64;
    /** SLH-DSA signs in milliseconds to a second: fewer inputs keep the set-up under a minute. */
    static final int slowKeyCount = 2;
    static final int slowMessageCount = 4;
    static final int messageBytes = 256;

    private BenchKeys() {}

    /** "ML-DSA-65/JDK" -> the algorithm and the provider. */
    record Case(Algorithm algorithm, CryptoProvider provider) {
        static Case parse(String text) {
            String[] parts = text.split("/");
            return new Case(Algorithm.fromName(parts[0]), CryptoProvider.fromName(parts[1]));
        }

        PqcEngine engine() {
            PqcEngine.Builder builder = PqcEngine.builder().ignoreSystemProperties().provider(algorithm, provider);
            if (algorithm == Algorithm.X25519_MLKEM768) {
                builder.provider(Algorithm.ML_KEM_768, provider).provider(Algorithm.X25519, provider);
            }
            return builder.build();
        }
    }

    static boolean slow(Algorithm algorithm) {
        return algorithm.name().startsWith("SLH_DSA");
    }

    /** Key pairs to rotate through; a power of two, so the index can be masked. */
    static KeyPair[] keyPairs(PqcEngine engine, Algorithm algorithm) {
        int count = slow(algorithm) ? slowKeyCount : keyCount;
        KeyPair[] pairs = new KeyPair[count];
        for (int i = 0; i < count; i++) {
            // Through the encodings, as keys arrive from a key store, so that the engine and the raw
            // baseline work on provider key objects made the same way (by the KeyFactory).
            KeyPair generated = engine.generateKeyPair(algorithm);
            pairs[i] = new KeyPair(KeyCodec.decodePublicKey(algorithm, generated.publicKey().encoded()),
                    KeyCodec.decodePrivateKey(algorithm, generated.privateKey().encoded()));
        }
        return pairs;
    }

    /** Messages to rotate through; a power of two. */
    static byte[][] messages(Algorithm algorithm) {
        SecureRandom random = new SecureRandom();
        byte[][] messages = new byte[slow(algorithm) ? slowMessageCount : messageCount][messageBytes];
        for (byte[] message : messages) random.nextBytes(message);
        return messages;
    }
}
