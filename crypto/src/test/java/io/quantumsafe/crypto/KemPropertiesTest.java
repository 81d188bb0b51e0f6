package io.quantumsafe.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KemPropertiesTest {
    private static final PqcEngine JDK = PqcEngine.builder().ignoreSystemProperties().build();
    private static final PqcEngine BOUNCY_CASTLE = PqcEngine.builder().ignoreSystemProperties()
            .preferProvider(CryptoProvider.BOUNCY_CASTLE).build();
    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

    @Provide
    Arbitrary<Algorithm> kems() {
        return Arbitraries.of(Algorithm.ofFamily(Algorithm.Family.KEM));
    }

    @Provide
    Arbitrary<Algorithm> latticeKems() {
        return Arbitraries.of(Algorithm.ML_KEM_512, Algorithm.ML_KEM_768, Algorithm.ML_KEM_1024, Algorithm.X25519_MLKEM768);
    }

    @Provide
    Arbitrary<PqcEngine> engines() {
        return Arbitraries.of(JDK, BOUNCY_CASTLE);
    }

    private static KeyPair keys(PqcEngine engine, Algorithm algorithm) {
        return KEYS.computeIfAbsent(algorithm + "/" + (engine == JDK), k -> engine.generateKeyPair(algorithm));
    }

    @Property(tries = 200)
    void decapsulation_recoversTheEncapsulatedSecret(@ForAll("kems") Algorithm algorithm,
                                                    @ForAll("engines") PqcEngine sender,
                                                    @ForAll("engines") PqcEngine receiver) {
        KeyPair pair = keys(receiver, algorithm);
        Encapsulation sent = sender.kem(algorithm).encapsulate(pair.publicKey());
        assertThat(receiver.kem(algorithm).decapsulate(pair.privateKey(), sent.ciphertext()).matches(sent.sharedSecret()))
                .isTrue();
    }

    /**
     * FIPS 203 implicit rejection: an altered ciphertext does not fail, it yields an unrelated secret.
     * The bit is taken from the ML-KEM part (the hybrid's first 1088 bytes).
     */
    @Property(tries = 200)
    void anySingleBitFlipInAnMlKemCiphertext_yieldsADifferentSecret(@ForAll("latticeKems") Algorithm algorithm,
                                                                   @ForAll("engines") PqcEngine engine,
                                                                   @ForAll int bit) {
        KeyPair pair = keys(engine, algorithm);
        Kem kem = engine.kem(algorithm);
        Encapsulation sent = kem.encapsulate(pair.publicKey());
        byte[] ciphertext = sent.ciphertext();
        int latticeBytes = algorithm == Algorithm.X25519_MLKEM768 ? Algorithm.ML_KEM_768.ciphertextBytes() : ciphertext.length;
        int index = Math.floorMod(bit, latticeBytes * 8);
        ciphertext[index / 8] ^= (byte) (1 << (index % 8));
        assertThat(kem.decapsulate(pair.privateKey(), ciphertext).matches(sent.sharedSecret())).isFalse();
    }

    @Property(tries = 100)
    void anySingleBitFlipInAnX25519Share_yieldsADifferentSecretOrIsRejected(@ForAll("engines") PqcEngine engine,
                                                                          @ForAll int bit) {
        KeyPair pair = keys(engine, Algorithm.X25519);
        Kem kem = engine.kem(Algorithm.X25519);
        Encapsulation sent = kem.encapsulate(pair.publicKey());
        byte[] share = sent.ciphertext();
        // RFC 7748 masks the top bit of the u-coordinate, so flipping it names the same point.
        int index = Math.floorMod(bit, 255);
        share[index / 8] ^= (byte) (1 << (index % 8));
        try {
            assertThat(kem.decapsulate(pair.privateKey(), share).matches(sent.sharedSecret())).isFalse();
        } catch (MalformedInputException rejected) {
            assertThat(rejected).hasMessageContaining("X25519");
        }
    }
}
