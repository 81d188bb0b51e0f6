package io.quantumsafe.bench.crypto;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.CryptoProvider;
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

    static KeyPair[] keyPairs(PqcEngine engine, Algorithm algorithm) {
        KeyPair[] pairs = new KeyPair[keyCount];
        for (int i = 0; i < keyCount; i++) pairs[i] = engine.generateKeyPair(algorithm);
        return pairs;
    }

    static byte[][] messages() {
        SecureRandom random = new SecureRandom();
        byte[][] messages = new byte[messageCount][messageBytes];
        for (byte[] message : messages) random.nextBytes(message);
        return messages;
    }
}
