package io.quantumsafe.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Signatures and ciphertexts made by one provider are accepted by the other, through the engine's encodings. */
class CrossProviderTest {
    private static final byte[] MESSAGE = "cross-provider".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONTEXT = "qsafe-interop".getBytes(StandardCharsets.UTF_8);

    static Stream<Algorithm> signaturesOnBoth() {
        return Algorithm.ofFamily(Algorithm.Family.SIGNATURE).stream().filter(a -> Providers.supported(a).size() == 2);
    }

    static Stream<Algorithm> kemsOnBoth() {
        return Algorithm.ofFamily(Algorithm.Family.KEM).stream().filter(a -> Providers.supported(a).size() == 2);
    }

    @ParameterizedTest
    @MethodSource("signaturesOnBoth")
    void signatureMadeByOneProvider_verifiesWithTheOther(Algorithm algorithm) {
        PqcEngine jdk = EngineRoundTripTest.engineOn(algorithm, CryptoProvider.JDK);
        PqcEngine bc = EngineRoundTripTest.engineOn(algorithm, CryptoProvider.BOUNCY_CASTLE);
        for (PqcEngine[] direction : new PqcEngine[][] {{jdk, bc}, {bc, jdk}}) {
            KeyPair pair = direction[0].generateKeyPair(algorithm);
            // Move the keys through their encodings, as they would travel between processes.
            PrivateKey privateKey = KeyCodec.decodePrivateKey(pair.privateKey().encoded());
            PublicKey publicKey = KeyCodec.decodePublicKey(pair.publicKey().encoded());
            byte[] signature = direction[0].signer(privateKey).sign(MESSAGE);
            assertThat(direction[1].verifier(publicKey).verify(MESSAGE, signature)).isTrue();
            if (algorithm.supportsContext()) {
                byte[] withContext = direction[0].signer(privateKey).sign(MESSAGE, CONTEXT);
                assertThat(direction[1].verifier(publicKey).verify(MESSAGE, withContext, CONTEXT)).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kemsOnBoth")
    void ciphertextMadeByOneProvider_decapsulatesWithTheOther(Algorithm algorithm) {
        PqcEngine jdk = EngineRoundTripTest.engineOn(algorithm, CryptoProvider.JDK);
        PqcEngine bc = EngineRoundTripTest.engineOn(algorithm, CryptoProvider.BOUNCY_CASTLE);
        for (PqcEngine[] direction : new PqcEngine[][] {{jdk, bc}, {bc, jdk}}) {
            KeyPair pair = direction[1].kem(algorithm).generateKeyPair();
            PublicKey publicKey = KeyCodec.decodePublicKey(algorithm, pair.publicKey().encoded());
            PrivateKey privateKey = KeyCodec.decodePrivateKey(algorithm, pair.privateKey().encoded());
            Encapsulation sent = direction[0].kem(algorithm).encapsulate(publicKey);
            SharedSecret received = direction[1].kem(algorithm).decapsulate(privateKey, sent.ciphertext());
            assertThat(received.matches(sent.sharedSecret())).isTrue();
        }
    }
}
