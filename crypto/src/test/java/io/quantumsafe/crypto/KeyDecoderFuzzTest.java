package io.quantumsafe.crypto;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.quantumsafe.crypto.keystore.KeyFile;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing (Jazzer) of every decoder of untrusted key material: SubjectPublicKeyInfo,
 * PKCS#8 (all ML-KEM/ML-DSA forms), the raw hybrid encodings, PEM and the encrypted key file's
 * parser. Each must decode or throw a CryptoException, never anything else. Runs 20 s in every
 * test run (JAZZER_FUZZ=1 is set for this module's surefire run).
 */
class KeyDecoderFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void keyDecoders_acceptOrRejectCleanly(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 5);
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            switch (which) {
                case 0 -> KeyCodec.decodePublicKey(bytes);
                case 1 -> KeyCodec.decodePrivateKey(bytes);
                case 2 -> KeyCodec.decodePublicKey(Algorithm.X25519_MLKEM768, bytes);
                case 3 -> KeyCodec.decodePrivateKey(Algorithm.X25519_MLKEM768, bytes);
                case 4 -> KeyCodec.publicKeyFromPem(new String(bytes, StandardCharsets.ISO_8859_1));
                default -> KeyFile.readMetadata(new String(bytes, StandardCharsets.ISO_8859_1));
            }
        } catch (CryptoException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("a decoder error must say what was wrong", expected);
            }
        }
    }
}
