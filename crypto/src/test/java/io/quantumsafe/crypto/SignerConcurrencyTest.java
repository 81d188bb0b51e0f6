package io.quantumsafe.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One Signer, Verifier and Kem shared by many threads: every result is correct (the pools hand out one JCA object per caller). */
class SignerConcurrencyTest {
    @ParameterizedTest
    @EnumSource(value = CryptoProvider.class)
    void sharedSignerAndVerifier_areCorrectUnderConcurrentUse(CryptoProvider provider) throws Exception {
        PqcEngine engine = EngineRoundTripTest.engineOn(Algorithm.ML_DSA_44, provider);
        KeyPair pair = engine.generateKeyPair(Algorithm.ML_DSA_44);
        Signer signer = engine.signer(pair.privateKey());
        Verifier verifier = engine.verifier(pair.publicKey());
        byte[] context = {9, 9};
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int i = 0; i < 20; i++) {
                    byte[] message = {(byte) thread, (byte) i};
                    // Alternate contexts so that pooled signatures are re-initialised under contention.
                    byte[] ctx = i % 2 == 0 ? context : new byte[0];
                    byte[] signature = signer.sign(message, ctx);
                    if (!verifier.verify(message, signature, ctx)) return false;
                    if (verifier.verify(new byte[] {(byte) (thread + 1), (byte) i}, signature, ctx)) return false;
                }
                return true;
            });
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Boolean> result : pool.invokeAll(tasks)) assertThat(result.get()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = CryptoProvider.class)
    void sharedKem_isCorrectUnderConcurrentUse(CryptoProvider provider) throws Exception {
        PqcEngine engine = EngineRoundTripTest.engineOn(Algorithm.X25519_MLKEM768, provider);
        Kem kem = engine.kem(Algorithm.X25519_MLKEM768);
        KeyPair pair = kem.generateKeyPair();
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            tasks.add(() -> {
                for (int i = 0; i < 20; i++) {
                    Encapsulation sent = kem.encapsulate(pair.publicKey());
                    if (!kem.decapsulate(pair.privateKey(), sent.ciphertext()).matches(sent.sharedSecret())) return false;
                }
                return true;
            });
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Boolean> result : pool.invokeAll(tasks)) assertThat(result.get()).isTrue();
        }
    }
}
