package io.quantumsafe.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class SignaturePropertiesTest {
    private static final PqcEngine ENGINE = PqcEngine.builder().ignoreSystemProperties().build();
    private static final PqcEngine BOUNCY_CASTLE = PqcEngine.builder().ignoreSystemProperties()
            .preferProvider(CryptoProvider.BOUNCY_CASTLE).build();
    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

    @Provide
    Arbitrary<Algorithm> signatureAlgorithms() {
        return Arbitraries.of(Algorithm.ML_DSA_44, Algorithm.ML_DSA_65, Algorithm.ML_DSA_87, Algorithm.FN_DSA_512,
                Algorithm.FN_DSA_1024, Algorithm.ED25519, Algorithm.ECDSA_P256, Algorithm.ML_DSA_65_ED25519,
                Algorithm.SLH_DSA_SHAKE_128F);
    }

    @Provide
    Arbitrary<PqcEngine> engines() {
        return Arbitraries.of(ENGINE, BOUNCY_CASTLE);
    }

    private static KeyPair keys(PqcEngine engine, Algorithm algorithm) {
        return KEYS.computeIfAbsent(algorithm + "/" + (engine == ENGINE), k -> engine.generateKeyPair(algorithm));
    }

    @Property(tries = 150)
    void signature_verifiesForAnyMessageAndContext(@ForAll("signatureAlgorithms") Algorithm algorithm,
                                                    @ForAll("engines") PqcEngine engine,
                                                    @ForAll @Size(max = 2048) byte[] message,
                                                    @ForAll @Size(max = 255) byte[] context) {
        byte[] usedContext = algorithm.supportsContext() ? context : new byte[0];
        KeyPair pair = keys(engine, algorithm);
        byte[] signature = engine.signer(pair.privateKey()).sign(message, usedContext);
        assertThat(engine.verifier(pair.publicKey()).verify(message, signature, usedContext)).isTrue();
    }

    @Property(tries = 300)
    void anySingleBitFlipInASignature_failsVerification(@ForAll("signatureAlgorithms") Algorithm algorithm,
                                                        @ForAll("engines") PqcEngine engine,
                                                        @ForAll @Size(max = 256) byte[] message,
                                                        @ForAll int bit) {
        KeyPair pair = keys(engine, algorithm);
        byte[] signature = engine.signer(pair.privateKey()).sign(message);
        int index = Math.floorMod(bit, signature.length * 8);
        signature[index / 8] ^= (byte) (1 << (index % 8));
        assertThat(engine.verifier(pair.publicKey()).verify(message, signature))
                .as("%s signature with bit %d flipped", algorithm, index).isFalse();
    }

    @Property(tries = 100)
    void anySingleBitFlipInTheMessage_failsVerification(@ForAll("signatureAlgorithms") Algorithm algorithm,
                                                        @ForAll @Size(min = 1, max = 256) byte[] message,
                                                        @ForAll int bit) {
        KeyPair pair = keys(ENGINE, algorithm);
        byte[] signature = ENGINE.signer(pair.privateKey()).sign(message);
        byte[] altered = message.clone();
        int index = Math.floorMod(bit, altered.length * 8);
        altered[index / 8] ^= (byte) (1 << (index % 8));
        assertThat(ENGINE.verifier(pair.publicKey()).verify(altered, signature)).isFalse();
    }
}
