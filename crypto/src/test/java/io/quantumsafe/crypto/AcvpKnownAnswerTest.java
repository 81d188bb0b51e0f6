package io.quantumsafe.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known-answer tests through the engine, on both providers, against the vectors in
 * src/test/resources/acvp (NIST ACVP, and Wycheproof where NIST's final-format files were not
 * available; each file names its source). Key generation and encapsulation are driven by
 * {@link KnownBytesRandom}, which also checks that exactly the specified randomness was consumed.
 */
class AcvpKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> tests(String file) {
        try (InputStream in = AcvpKnownAnswerTest.class.getResourceAsStream("/acvp/" + file)) {
            List<JsonNode> tests = new ArrayList<>();
            JSON.readTree(in).get("tests").forEach(tests::add);
            return tests;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    static Stream<Arguments> withProviders(String file) {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode test : tests(file)) {
            for (CryptoProvider provider : CryptoProvider.values()) cases.add(Arguments.of(test.get("parameterSet").asText() + " tc"
                    + test.get("tcId").asInt(), provider, test));
        }
        return cases.stream();
    }

    static Stream<Arguments> mlKemKeyGen() { return withProviders("ML-KEM-keyGen.json"); }

    static Stream<Arguments> mlKemEncapDecap() { return withProviders("ML-KEM-encapDecap.json"); }

    static Stream<Arguments> mlDsaKeyGen() { return withProviders("ML-DSA-keyGen.json"); }

    static Stream<Arguments> mlDsaSigGen() { return withProviders("ML-DSA-sigGen.json"); }

    static Stream<Arguments> mlDsaSigVer() { return withProviders("ML-DSA-sigVer.json"); }

    private static byte[] hex(JsonNode test, String field) {
        return HEX.parseHex(test.get(field).asText());
    }

    private static PqcEngine engine(Algorithm algorithm, CryptoProvider provider, java.security.SecureRandom random) {
        return PqcEngine.builder().ignoreSystemProperties().provider(algorithm, provider).random(random).build();
    }

    /** The raw private key inside the engine's canonical PKCS#8 (the expanded key for ML-KEM/ML-DSA). */
    private static byte[] rawPrivate(PrivateKey key) throws IOException {
        byte[] content = PrivateKeyInfo.getInstance(key.encoded()).getPrivateKey().getOctets();
        return key.algorithm().name().startsWith("SLH") ? content : ASN1OctetString.getInstance(content).getOctets();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("mlKemKeyGen")
    void mlKemKeyGen_fromDandZ(String name, CryptoProvider provider, JsonNode test) throws IOException {
        Algorithm algorithm = Algorithm.fromName(test.get("parameterSet").asText());
        KnownBytesRandom random = new KnownBytesRandom(hex(test, "d"), hex(test, "z"));
        KeyPair pair = engine(algorithm, provider, random).generateKeyPair(algorithm);
        assertThat(pair.publicKey().raw()).isEqualTo(hex(test, "ek"));
        assertThat(rawPrivate(pair.privateKey())).isEqualTo(hex(test, "dk"));
        assertThat(random.consumed()).isEqualTo(64);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("mlKemEncapDecap")
    void mlKemEncapsulationAndDecapsulation(String name, CryptoProvider provider, JsonNode test) {
        Algorithm algorithm = Algorithm.fromName(test.get("parameterSet").asText());
        if (test.get("function").asText().equals("encapsulation")) {
            KnownBytesRandom random = new KnownBytesRandom(hex(test, "m"));
            PublicKey ek = KeyCodec.publicKeyFromRaw(algorithm, hex(test, "ek"));
            Encapsulation encapsulation = engine(algorithm, provider, random).kem(algorithm).encapsulate(ek);
            assertThat(encapsulation.ciphertext()).isEqualTo(hex(test, "c"));
            assertThat(encapsulation.sharedSecret().bytes()).isEqualTo(hex(test, "k"));
        } else {
            PrivateKey dk = KeyCodec.decodePrivateKey(algorithm, pkcs8Expanded(algorithm, hex(test, "dk")));
            SharedSecret k = engine(algorithm, provider, KnownBytesRandom.zeros()).kem(algorithm).decapsulate(dk, hex(test, "c"));
            assertThat(k.bytes()).isEqualTo(hex(test, "k"));
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("mlDsaKeyGen")
    void mlDsaKeyGen_fromSeed(String name, CryptoProvider provider, JsonNode test) throws IOException {
        Algorithm algorithm = Algorithm.fromName(test.get("parameterSet").asText());
        KnownBytesRandom random = new KnownBytesRandom(hex(test, "seed"));
        KeyPair pair = engine(algorithm, provider, random).generateKeyPair(algorithm);
        assertThat(pair.publicKey().raw()).isEqualTo(hex(test, "pk"));
        assertThat(rawPrivate(pair.privateKey())).isEqualTo(hex(test, "sk"));
        // The seed form of PKCS#8 expands to the same key through the engine's decoder.
        PrivateKey fromSeed = KeyCodec.decodePrivateKey(pkcs8Seed(algorithm, hex(test, "seed")));
        assertThat(fromSeed.publicKey().raw()).isEqualTo(hex(test, "pk"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("mlDsaSigGen")
    void mlDsaSigGen_deterministicWithContext(String name, CryptoProvider provider, JsonNode test) {
        Algorithm algorithm = Algorithm.fromName(test.get("parameterSet").asText());
        PrivateKey key = KeyCodec.decodePrivateKey(pkcs8Seed(algorithm, hex(test, "seed")));
        assertThat(key.publicKey().raw()).isEqualTo(hex(test, "pk"));
        byte[] signature = engine(algorithm, provider, KnownBytesRandom.zeros()).signer(key)
                .sign(hex(test, "message"), hex(test, "context"));
        assertThat(signature).isEqualTo(hex(test, "signature"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("mlDsaSigVer")
    void mlDsaSigVer(String name, CryptoProvider provider, JsonNode test) {
        Algorithm algorithm = Algorithm.fromName(test.get("parameterSet").asText());
        PublicKey pk = KeyCodec.publicKeyFromRaw(algorithm, hex(test, "pk"));
        boolean valid;
        try {
            valid = engine(algorithm, provider, KnownBytesRandom.zeros()).verifier(pk)
                    .verify(hex(test, "message"), hex(test, "signature"), hex(test, "context"));
        } catch (MalformedInputException rejected) {
            valid = false;
        }
        assertThat(valid).isEqualTo(test.get("testPassed").asBoolean());
    }

    @Test
    void slhDsaKeyGen_fromSeeds() throws IOException {
        for (JsonNode test : tests("SLH-DSA-keyGen.json")) {
            Algorithm algorithm = Algorithm.fromName(test.get("parameterSet").asText());
            KnownBytesRandom random = new KnownBytesRandom(hex(test, "skSeed"), hex(test, "skPrf"), hex(test, "pkSeed"));
            KeyPair pair = engine(algorithm, CryptoProvider.BOUNCY_CASTLE, random).generateKeyPair(algorithm);
            assertThat(pair.publicKey().raw()).as(algorithm.displayName()).isEqualTo(hex(test, "pk"));
            assertThat(rawPrivate(pair.privateKey())).isEqualTo(hex(test, "sk"));
        }
    }

    private static byte[] pkcs8Expanded(Algorithm algorithm, byte[] expanded) {
        try {
            return KeyCodec.pkcs8Info(algorithm, expanded).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pkcs8Seed(Algorithm algorithm, byte[] seed) {
        try {
            var id = KeyCodec.algorithmIdentifier(algorithm);
            return new PrivateKeyInfo(id, new org.bouncycastle.asn1.DERTaggedObject(false, 0,
                    new org.bouncycastle.asn1.DEROctetString(seed))).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
