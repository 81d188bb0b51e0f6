package io.quantumsafe.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.crypto.keystore.KdfParameters;
import io.quantumsafe.crypto.keystore.KeyFile;
import io.quantumsafe.crypto.keystore.KeyMetadata;
import io.quantumsafe.crypto.keystore.KeyPurpose;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Every decoder of untrusted bytes, fed random bytes and randomly damaged valid encodings: it
 * either decodes or throws a {@link CryptoException}; never another exception, never a hang.
 */
class DecoderFuzzTest {
    private static final PqcEngine ENGINE = PqcEngine.builder().ignoreSystemProperties().build();
    private static final List<byte[]> PUBLIC_KEYS = Arrays.stream(Algorithm.values())
            .filter(a -> a.oid().isPresent()).map(a -> ENGINE.generateKeyPair(a).publicKey().encoded()).toList();
    private static final List<byte[]> PRIVATE_KEYS = Arrays.stream(Algorithm.values())
            .filter(a -> a.oid().isPresent()).map(a -> ENGINE.generateKeyPair(a).privateKey().encoded()).toList();
    private static final char[] PASSWORD = "fuzzing password".toCharArray();
    private static final String KEY_FILE = keyFile();

    private static String keyFile() {
        KeyPair pair = ENGINE.generateKeyPair(Algorithm.ML_DSA_44);
        KeyMetadata metadata = new KeyMetadata("fuzz", 1, Algorithm.ML_DSA_44, KeyPurpose.SIGN,
                Instant.parse("2026-01-01T00:00:00Z"), null, pair.publicKey().fingerprint());
        return KeyFile.encrypt(pair.privateKey(), metadata, PASSWORD, KdfParameters.FAST_FOR_TESTS, new SecureRandom());
    }

    /** Valid encodings with a few bytes changed, removed or appended. */
    private static Arbitrary<byte[]> damaged(List<byte[]> valid) {
        return Combinators.combine(Arbitraries.of(valid), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().list().ofSize(8), Arbitraries.bytes().list().ofSize(8))
                .as((original, kind, positions, values) -> {
                    byte[] bytes = original.clone();
                    switch (kind) {
                        case 0 -> { for (int i = 0; i < 8; i++) bytes[Math.floorMod(positions.get(i), bytes.length)] = values.get(i); }
                        case 1 -> bytes = Arrays.copyOf(bytes, Math.floorMod(positions.get(0), bytes.length));
                        case 2 -> { bytes = Arrays.copyOf(bytes, bytes.length + 8); for (int i = 0; i < 8; i++) bytes[original.length + i] = values.get(i); }
                        case 3 -> bytes[Math.floorMod(positions.get(0), Math.min(bytes.length, 30))] ^= (byte) (1 << Math.floorMod(positions.get(1), 8));
                        default -> bytes[Math.floorMod(positions.get(0), bytes.length)] ^= (byte) 0x80;
                    }
                    return bytes;
                });
    }

    @Provide
    Arbitrary<byte[]> damagedPublicKeys() {
        return damaged(PUBLIC_KEYS);
    }

    @Provide
    Arbitrary<byte[]> damagedPrivateKeys() {
        return damaged(PRIVATE_KEYS);
    }

    @Property(tries = 1000)
    void publicKeyDecoder_acceptsOrRejectsCleanly(@ForAll("damagedPublicKeys") byte[] input) {
        decodesOrThrowsCryptoException(() -> KeyCodec.decodePublicKey(input));
    }

    @Property(tries = 1000)
    void privateKeyDecoder_acceptsOrRejectsCleanly(@ForAll("damagedPrivateKeys") byte[] input) {
        decodesOrThrowsCryptoException(() -> KeyCodec.decodePrivateKey(input));
    }

    @Property(tries = 500)
    void decoders_onRandomBytes_rejectCleanly(@ForAll @Size(max = 5000) byte[] input) {
        decodesOrThrowsCryptoException(() -> KeyCodec.decodePublicKey(input));
        decodesOrThrowsCryptoException(() -> KeyCodec.decodePrivateKey(input));
        decodesOrThrowsCryptoException(() -> KeyCodec.decodePublicKey(Algorithm.X25519_MLKEM768, input));
        decodesOrThrowsCryptoException(() -> KeyCodec.decodePrivateKey(Algorithm.X25519_MLKEM768, input));
    }

    @Property(tries = 300)
    void pemDecoder_onDamagedText_rejectsCleanly(@ForAll("damagedPublicKeys") byte[] der, @ForAll int cut) {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        decodesOrThrowsCryptoException(() -> KeyCodec.publicKeyFromPem(pem));
        decodesOrThrowsCryptoException(() -> KeyCodec.publicKeyFromPem(pem.substring(0, Math.floorMod(cut, pem.length()))));
    }

    @Property(tries = 60)
    void keyFileDecoder_onDamagedFiles_rejectsCleanly(@ForAll int position, @ForAll char replacement) {
        int at = Math.floorMod(position, KEY_FILE.length());
        String damaged = KEY_FILE.substring(0, at) + replacement + KEY_FILE.substring(at + 1);
        decodesOrThrowsCryptoException(() -> KeyFile.decrypt(damaged, PASSWORD));
    }

    private static void decodesOrThrowsCryptoException(Runnable decode) {
        try {
            decode.run();
        } catch (CryptoException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
