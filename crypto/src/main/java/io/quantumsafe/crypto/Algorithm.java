package io.quantumsafe.crypto;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every algorithm the engine offers, with its parameter set, NIST security category and sizes.
 *
 * <p>Sizes are in bytes of the raw (not DER-wrapped) values: a public key as it appears inside a
 * SubjectPublicKeyInfo, a private key in its expanded form, a signature (the maximum where the
 * length varies), a KEM ciphertext and shared secret. {@code AlgorithmTest} checks every figure
 * against what the providers actually produce.
 *
 * <p>{@code nistLevel} is the NIST PQC security category (1-5); classical algorithms have 0 and are
 * {@link #quantumVulnerable()}: NIST IR 8547 deprecates them after 2030 and disallows them after 2035.
 */
public enum Algorithm {
    // FIPS 203, ML-KEM. Sizes: Table 3 (ek, dk, c) and the 32-byte shared secret.
    ML_KEM_512("ML-KEM-512", Family.KEM, "FIPS 203", 1, "2.16.840.1.101.3.4.4.1", 800, 1632, 0, 768, 32),
    ML_KEM_768("ML-KEM-768", Family.KEM, "FIPS 203", 3, "2.16.840.1.101.3.4.4.2", 1184, 2400, 0, 1088, 32),
    ML_KEM_1024("ML-KEM-1024", Family.KEM, "FIPS 203", 5, "2.16.840.1.101.3.4.4.3", 1568, 3168, 0, 1568, 32),

    // FIPS 204, ML-DSA. Sizes: Table 2.
    ML_DSA_44("ML-DSA-44", Family.SIGNATURE, "FIPS 204", 2, "2.16.840.1.101.3.4.3.17", 1312, 2560, 2420, 0, 0),
    ML_DSA_65("ML-DSA-65", Family.SIGNATURE, "FIPS 204", 3, "2.16.840.1.101.3.4.3.18", 1952, 4032, 3309, 0, 0),
    ML_DSA_87("ML-DSA-87", Family.SIGNATURE, "FIPS 204", 5, "2.16.840.1.101.3.4.3.19", 2592, 4896, 4627, 0, 0),

    // FIPS 205, SLH-DSA, pure variants. Sizes: Table 2 (pk = 2n, sk = 4n).
    SLH_DSA_SHA2_128S("SLH-DSA-SHA2-128s", Family.SIGNATURE, "FIPS 205", 1, "2.16.840.1.101.3.4.3.20", 32, 64, 7856, 0, 0),
    SLH_DSA_SHA2_128F("SLH-DSA-SHA2-128f", Family.SIGNATURE, "FIPS 205", 1, "2.16.840.1.101.3.4.3.21", 32, 64, 17088, 0, 0),
    SLH_DSA_SHA2_192S("SLH-DSA-SHA2-192s", Family.SIGNATURE, "FIPS 205", 3, "2.16.840.1.101.3.4.3.22", 48, 96, 16224, 0, 0),
    SLH_DSA_SHA2_192F("SLH-DSA-SHA2-192f", Family.SIGNATURE, "FIPS 205", 3, "2.16.840.1.101.3.4.3.23", 48, 96, 35664, 0, 0),
    SLH_DSA_SHA2_256S("SLH-DSA-SHA2-256s", Family.SIGNATURE, "FIPS 205", 5, "2.16.840.1.101.3.4.3.24", 64, 128, 29792, 0, 0),
    SLH_DSA_SHA2_256F("SLH-DSA-SHA2-256f", Family.SIGNATURE, "FIPS 205", 5, "2.16.840.1.101.3.4.3.25", 64, 128, 49856, 0, 0),
    SLH_DSA_SHAKE_128S("SLH-DSA-SHAKE-128s", Family.SIGNATURE, "FIPS 205", 1, "2.16.840.1.101.3.4.3.26", 32, 64, 7856, 0, 0),
    SLH_DSA_SHAKE_128F("SLH-DSA-SHAKE-128f", Family.SIGNATURE, "FIPS 205", 1, "2.16.840.1.101.3.4.3.27", 32, 64, 17088, 0, 0),
    SLH_DSA_SHAKE_192S("SLH-DSA-SHAKE-192s", Family.SIGNATURE, "FIPS 205", 3, "2.16.840.1.101.3.4.3.28", 48, 96, 16224, 0, 0),
    SLH_DSA_SHAKE_192F("SLH-DSA-SHAKE-192f", Family.SIGNATURE, "FIPS 205", 3, "2.16.840.1.101.3.4.3.29", 48, 96, 35664, 0, 0),
    SLH_DSA_SHAKE_256S("SLH-DSA-SHAKE-256s", Family.SIGNATURE, "FIPS 205", 5, "2.16.840.1.101.3.4.3.30", 64, 128, 29792, 0, 0),
    SLH_DSA_SHAKE_256F("SLH-DSA-SHAKE-256f", Family.SIGNATURE, "FIPS 205", 5, "2.16.840.1.101.3.4.3.31", 64, 128, 49856, 0, 0),

    // FN-DSA (FIPS 206, draft): Falcon round 3 as implemented by Bouncy Castle, under BC's OIDs
    // because NIST has not assigned FN-DSA OIDs yet. Signatures are variable-length; the
    // figure is the round-3 maximum of the compressed encoding.
    FN_DSA_512("FN-DSA-512", Family.SIGNATURE, "FIPS 206 (draft), Falcon-512", 1, "1.3.9999.3.11", 897, 1281, 690, 0, 0),
    FN_DSA_1024("FN-DSA-1024", Family.SIGNATURE, "FIPS 206 (draft), Falcon-1024", 5, "1.3.9999.3.14", 1793, 2305, 1330, 0, 0),

    // Classical, for migration and interoperability. Quantum-vulnerable.
    ED25519("Ed25519", Family.SIGNATURE, "RFC 8032", 0, "1.3.101.112", 32, 32, 64, 0, 0),
    ECDSA_P256("ECDSA-P256", Family.SIGNATURE, "FIPS 186-5, SHA-256", 0, "1.2.840.10045.2.1", 65, 32, 72, 0, 0),
    X25519("X25519", Family.KEM, "RFC 7748, as an ephemeral-static KEM", 0, "1.3.101.110", 32, 32, 0, 32, 32),

    // Hybrids.
    /** draft-ietf-tls-ecdhe-mlkem: ML-KEM-768 first, then X25519; shared secret is the 64-byte concatenation. */
    X25519_MLKEM768("X25519MLKEM768", Family.KEM, "draft-ietf-tls-ecdhe-mlkem (ML-KEM-768 + X25519)", 3, null,
            1184 + 32, 2400 + 32, 0, 1088 + 32, 32 + 32),
    /** draft-ietf-lamps-pq-composite-sigs, id-MLDSA65-Ed25519-SHA512: both signatures must verify. */
    ML_DSA_65_ED25519("ML-DSA-65+Ed25519", Family.SIGNATURE, "draft-ietf-lamps-pq-composite-sigs", 3,
            "1.3.6.1.5.5.7.6.48", 1952 + 32, 32 + 32, 3309 + 64, 0, 0);

    /** What an algorithm does. */
    public enum Family { KEM, SIGNATURE }

    private final String displayName;
    private final Family family;
    private final String standard;
    private final int nistLevel;
    private final String oid;
    private final int publicKeyBytes;
    private final int privateKeyBytes;
    private final int signatureBytesMax;
    private final int ciphertextBytes;
    private final int sharedSecretBytes;

    Algorithm(String displayName, Family family, String standard, int nistLevel, String oid,
              int publicKeyBytes, int privateKeyBytes, int signatureBytesMax,
              int ciphertextBytes, int sharedSecretBytes) {
        this.displayName = displayName;
        this.family = family;
        this.standard = standard;
        this.nistLevel = nistLevel;
        this.oid = oid;
        this.publicKeyBytes = publicKeyBytes;
        this.privateKeyBytes = privateKeyBytes;
        this.signatureBytesMax = signatureBytesMax;
        this.ciphertextBytes = ciphertextBytes;
        this.sharedSecretBytes = sharedSecretBytes;
    }

    /** The name used everywhere users see one: CLI, key files, audit events. */
    public String displayName() { return displayName; }

    public Family family() { return family; }

    public String standard() { return standard; }

    /** NIST PQC security category 1-5, or 0 for a classical algorithm. */
    public int nistLevel() { return nistLevel; }

    /** True for algorithms a large quantum computer breaks (NIST IR 8547: deprecated 2030, disallowed 2035). */
    public boolean quantumVulnerable() { return nistLevel == 0; }

    public boolean isHybrid() { return this == X25519_MLKEM768 || this == ML_DSA_65_ED25519; }

    /** The algorithm OID of the SubjectPublicKeyInfo/PKCS#8 encoding; empty where no standard one exists. */
    public Optional<String> oid() { return Optional.ofNullable(oid); }

    public int publicKeyBytes() { return publicKeyBytes; }

    public int privateKeyBytes() { return privateKeyBytes; }

    /** Maximum signature length; 0 for a KEM. */
    public int signatureBytesMax() { return signatureBytesMax; }

    /** KEM ciphertext length; 0 for a signature algorithm. */
    public int ciphertextBytes() { return ciphertextBytes; }

    /** KEM shared secret length; 0 for a signature algorithm. */
    public int sharedSecretBytes() { return sharedSecretBytes; }

    /** True for algorithms whose signing accepts a context string: ML-DSA, SLH-DSA and the ML-DSA composite. */
    public boolean supportsContext() {
        return family == Family.SIGNATURE && (name().startsWith("ML_DSA") || name().startsWith("SLH_DSA"));
    }

    public boolean isSignature() { return family == Family.SIGNATURE; }

    public boolean isKem() { return family == Family.KEM; }

    /**
     * Finds an algorithm by its display name, ignoring case and the separators users type
     * differently ("ml-dsa-65", "ML_DSA_65", "mldsa65" all work).
     *
     * @throws UnsupportedAlgorithmException naming the valid choices
     */
    public static Algorithm fromName(String name) {
        String wanted = normalise(name);
        for (Algorithm algorithm : values()) {
            if (normalise(algorithm.displayName).equals(wanted) || normalise(algorithm.name()).equals(wanted)) {
                return algorithm;
            }
        }
        if (wanted.equals("falcon512")) return FN_DSA_512;
        if (wanted.equals("falcon1024")) return FN_DSA_1024;
        throw new UnsupportedAlgorithmException("unknown algorithm '" + name + "'; choose one of "
                + String.join(", ", Arrays.stream(values()).map(Algorithm::displayName).toList()));
    }

    /** The algorithm whose standard OID this is, if any. */
    public static Optional<Algorithm> fromOid(String oid) {
        return Arrays.stream(values()).filter(a -> oid.equals(a.oid)).findFirst();
    }

    public static List<Algorithm> ofFamily(Family family) {
        return Arrays.stream(values()).filter(a -> a.family == family).toList();
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    @Override
    public String toString() { return displayName; }
}
