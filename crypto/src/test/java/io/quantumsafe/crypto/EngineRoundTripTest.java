package io.quantumsafe.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every algorithm on every provider that runs it: sizes as documented, round trips, rejections. */
class EngineRoundTripTest {
    private static final byte[] MESSAGE = "settle 100.00 EUR from A to B".getBytes(StandardCharsets.UTF_8);

    static Stream<Arguments> signatureAlgorithmsAndProviders() {
        return pairs(Algorithm.Family.SIGNATURE);
    }

    static Stream<Arguments> kemAlgorithmsAndProviders() {
        return pairs(Algorithm.Family.KEM);
    }

    private static Stream<Arguments> pairs(Algorithm.Family family) {
        List<Arguments> pairs = new ArrayList<>();
        for (Algorithm algorithm : Algorithm.ofFamily(family)) {
            for (CryptoProvider provider : Providers.supported(algorithm)) pairs.add(Arguments.of(algorithm, provider));
        }
        return pairs.stream();
    }

    static PqcEngine engineOn(Algorithm algorithm, CryptoProvider provider) {
        PqcEngine.Builder builder = PqcEngine.builder().ignoreSystemProperties().provider(algorithm, provider);
        if (algorithm == Algorithm.X25519_MLKEM768) {
            builder.provider(Algorithm.ML_KEM_768, provider).provider(Algorithm.X25519, provider);
        }
        return builder.build();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("signatureAlgorithmsAndProviders")
    void signature_roundTrips_withDocumentedSizes(Algorithm algorithm, CryptoProvider provider) {
        PqcEngine engine = engineOn(algorithm, provider);
        KeyPair pair = engine.generateKeyPair(algorithm);
        byte[] signature = engine.signer(pair.privateKey()).sign(MESSAGE);

        assertThat(pair.publicKey().raw()).hasSize(algorithm.publicKeyBytes());
        if (SignatureRules.hasFixedLength(algorithm)) {
            assertThat(signature).hasSize(algorithm.signatureBytesMax());
        } else {
            assertThat(signature.length).isBetween(1, algorithm.signatureBytesMax());
        }
        Verifier verifier = engine.verifier(pair.publicKey());
        assertThat(verifier.verify(MESSAGE, signature)).isTrue();
        assertThat(verifier.verify("settle 900.00 EUR from A to B".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("signatureAlgorithmsAndProviders")
    void contextString_bindsTheSignature_orIsRefused(Algorithm algorithm, CryptoProvider provider) {
        PqcEngine engine = engineOn(algorithm, provider);
        KeyPair pair = engine.generateKeyPair(algorithm);
        Signer signer = engine.signer(pair.privateKey());
        byte[] context = "qsafe-test-v1".getBytes(StandardCharsets.US_ASCII);
        if (!algorithm.supportsContext()) {
            assertThatThrownBy(() -> signer.sign(MESSAGE, context)).isInstanceOf(UnsupportedAlgorithmException.class);
            return;
        }
        byte[] signature = signer.sign(MESSAGE, context);
        Verifier verifier = engine.verifier(pair.publicKey());
        assertThat(verifier.verify(MESSAGE, signature, context)).isTrue();
        assertThat(verifier.verify(MESSAGE, signature)).isFalse();
        assertThat(verifier.verify(MESSAGE, signature, "other".getBytes(StandardCharsets.US_ASCII))).isFalse();
        // The same signer goes back to the empty context correctly.
        assertThat(verifier.verify(MESSAGE, signer.sign(MESSAGE))).isTrue();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("kemAlgorithmsAndProviders")
    void kem_roundTrips_withDocumentedSizes(Algorithm algorithm, CryptoProvider provider) {
        PqcEngine engine = engineOn(algorithm, provider);
        Kem kem = engine.kem(algorithm);
        KeyPair pair = kem.generateKeyPair();
        Encapsulation encapsulation = kem.encapsulate(pair.publicKey());
        SharedSecret recovered = kem.decapsulate(pair.privateKey(), encapsulation.ciphertext());

        assertThat(pair.publicKey().raw()).hasSize(algorithm.publicKeyBytes());
        assertThat(encapsulation.ciphertext()).hasSize(algorithm.ciphertextBytes());
        assertThat(encapsulation.sharedSecret().length()).isEqualTo(algorithm.sharedSecretBytes());
        assertThat(recovered.matches(encapsulation.sharedSecret())).isTrue();

        Encapsulation second = kem.encapsulate(pair.publicKey());
        assertThat(second.sharedSecret().matches(encapsulation.sharedSecret())).isFalse();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("kemAlgorithmsAndProviders")
    void kem_rejectsCiphertextOfWrongLength(Algorithm algorithm, CryptoProvider provider) {
        Kem kem = engineOn(algorithm, provider).kem(algorithm);
        KeyPair pair = kem.generateKeyPair();
        byte[] tooShort = new byte[algorithm.ciphertextBytes() - 1];
        assertThatThrownBy(() -> kem.decapsulate(pair.privateKey(), tooShort))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("expected " + algorithm.ciphertextBytes());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("signatureAlgorithmsAndProviders")
    void verify_rejectsSignatureOfImpossibleLength(Algorithm algorithm, CryptoProvider provider) {
        PqcEngine engine = engineOn(algorithm, provider);
        KeyPair pair = engine.generateKeyPair(algorithm);
        byte[] tooLong = new byte[algorithm.signatureBytesMax() + 1];
        assertThatThrownBy(() -> engine.verifier(pair.publicKey()).verify(MESSAGE, tooLong))
                .isInstanceOf(MalformedInputException.class);
    }
}
