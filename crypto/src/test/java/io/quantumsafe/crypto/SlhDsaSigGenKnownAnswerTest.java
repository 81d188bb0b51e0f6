package io.quantumsafe.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.bouncycastle.pqc.crypto.slhdsa.SLHDSAParameters;
import org.bouncycastle.pqc.crypto.slhdsa.SLHDSAPrivateKeyParameters;
import org.bouncycastle.pqc.crypto.slhdsa.SLHDSAPublicKeyParameters;
import org.bouncycastle.pqc.crypto.slhdsa.SLHDSASigner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SLH-DSA signing against NIST's ACVP sigGen vectors (src/test/resources/acvp/SLH-DSA-sigGen.json,
 * which names its source). ACVP tests FIPS 205's internal interface (the message as given, no
 * domain separation), which the engine does not expose, so the vectors check Bouncy Castle's
 * SLH-DSA, the provider the engine signs with, through that interface; a second test then checks
 * that the engine's signature is exactly the internal signature of FIPS 205's domain-separated
 * message 0 || |ctx| || ctx || M (Algorithm 22), and verifies.
 */
class SlhDsaSigGenKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Bouncy Castle's SLH-DSA through the internal interface (slh_sign_internal, slh_verify_internal). */
    private static final class InternalInterface extends SLHDSASigner {
        byte[] sign(SLHDSAPrivateKeyParameters key, byte[] message, byte[] optRand) {
            init(true, key);
            return internalGenerateSignature(message, optRand);
        }

        boolean verify(SLHDSAPublicKeyParameters key, byte[] message, byte[] signature) {
            init(false, key);
            return internalVerifySignature(message, signature);
        }
    }

    static Stream<Arguments> vectors() {
        return AcvpKnownAnswerTest.tests("SLH-DSA-sigGen.json").stream().map(test -> Arguments.of(
                test.get("parameterSet").asText() + (test.get("deterministic").asBoolean() ? " deterministic" : " randomized"), test));
    }

    private static byte[] hex(JsonNode test, String field) { return HEX.parseHex(test.get(field).asText()); }

    private static SLHDSAParameters parameters(String name) {
        return switch (name) {
            case "SLH-DSA-SHA2-128s" -> SLHDSAParameters.sha2_128s;
            case "SLH-DSA-SHA2-128f" -> SLHDSAParameters.sha2_128f;
            case "SLH-DSA-SHA2-192s" -> SLHDSAParameters.sha2_192s;
            case "SLH-DSA-SHA2-192f" -> SLHDSAParameters.sha2_192f;
            case "SLH-DSA-SHA2-256s" -> SLHDSAParameters.sha2_256s;
            case "SLH-DSA-SHA2-256f" -> SLHDSAParameters.sha2_256f;
            case "SLH-DSA-SHAKE-128s" -> SLHDSAParameters.shake_128s;
            case "SLH-DSA-SHAKE-128f" -> SLHDSAParameters.shake_128f;
            case "SLH-DSA-SHAKE-192s" -> SLHDSAParameters.shake_192s;
            case "SLH-DSA-SHAKE-192f" -> SLHDSAParameters.shake_192f;
            case "SLH-DSA-SHAKE-256s" -> SLHDSAParameters.shake_256s;
            case "SLH-DSA-SHAKE-256f" -> SLHDSAParameters.shake_256f;
            default -> throw new IllegalArgumentException("no SLH-DSA parameter set " + name);
        };
    }

    /** ACVP's sk is skSeed || skPrf || pkSeed || pkRoot; the file keeps the first half and pk apart. */
    private static byte[] secretKey(JsonNode test) {
        byte[] seedAndPrf = hex(test, "skSeedAndPrf");
        byte[] pk = hex(test, "pk");
        byte[] sk = Arrays.copyOf(seedAndPrf, seedAndPrf.length + pk.length);
        System.arraycopy(pk, 0, sk, seedAndPrf.length, pk.length);
        return sk;
    }

    /** opt_rand: PK.seed for the deterministic variant (FIPS 205, Algorithm 19), else the test's additional randomness. */
    private static byte[] optRand(JsonNode test) {
        byte[] pk = hex(test, "pk");
        return test.get("deterministic").asBoolean() ? Arrays.copyOf(pk, pk.length / 2) : hex(test, "additionalRandomness");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void providerSignsAsNistExpects_andVerifiesOnlyTheUnalteredSignature(String name, JsonNode test) {
        SLHDSAParameters parameters = parameters(test.get("parameterSet").asText());
        byte[] message = hex(test, "message");
        byte[] signature = new InternalInterface().sign(new SLHDSAPrivateKeyParameters(parameters, secretKey(test)), message, optRand(test));
        assertThat(HEX.formatHex(sha256(signature))).isEqualToIgnoringCase(test.get("signatureSha256").asText());

        SLHDSAPublicKeyParameters publicKey = new SLHDSAPublicKeyParameters(parameters, hex(test, "pk"));
        assertThat(new InternalInterface().verify(publicKey, message, signature)).isTrue();
        signature[signature.length / 2] ^= 0x01;
        assertThat(new InternalInterface().verify(publicKey, message, signature)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void engineSignature_isTheInternalSignatureOfTheDomainSeparatedMessage(String name, JsonNode test) {
        Algorithm algorithm = Algorithm.fromName(test.get("parameterSet").asText());
        byte[] sk = secretKey(test);
        PrivateKey key = KeyCodec.decodePrivateKey(pkcs8(algorithm, sk));
        byte[] message = hex(test, "message");
        byte[] context = "qsafe settlement".getBytes(StandardCharsets.US_ASCII);
        byte[] optRand = optRand(test);

        KnownBytesRandom random = new KnownBytesRandom(optRand);
        PqcEngine engine = PqcEngine.builder().ignoreSystemProperties().provider(algorithm, CryptoProvider.BOUNCY_CASTLE).random(random).build();
        byte[] signature = engine.signer(key).sign(message, context);
        assertThat(random.consumed()).as("opt_rand bytes drawn").isEqualTo(optRand.length);

        byte[] domainSeparated = new byte[2 + context.length + message.length];
        domainSeparated[1] = (byte) context.length;
        System.arraycopy(context, 0, domainSeparated, 2, context.length);
        System.arraycopy(message, 0, domainSeparated, 2 + context.length, message.length);
        byte[] expected = new InternalInterface().sign(new SLHDSAPrivateKeyParameters(parameters(algorithm.displayName()), sk),
                domainSeparated, optRand);
        assertThat(signature).isEqualTo(expected);
        assertThat(engine.verifier(KeyCodec.publicKeyFromRaw(algorithm, hex(test, "pk"))).verify(message, signature, context)).isTrue();
    }

    private static byte[] pkcs8(Algorithm algorithm, byte[] sk) {
        try {
            return KeyCodec.pkcs8Info(algorithm, sk).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
