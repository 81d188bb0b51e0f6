package io.quantumsafe.crypto;

import java.security.Provider;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.EnumSet;
import java.util.Set;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.pqc.jcajce.spec.FalconParameterSpec;

/**
 * Which JCA provider and which JCA names implement each algorithm.
 *
 * <p>Bouncy Castle is registered with {@link Security} at the lowest priority: its composite
 * signatures look their component algorithms up by provider name, and registering it last leaves
 * every JDK default untouched.
 */
final class Providers {
    private static final Provider BOUNCY_CASTLE = registerBouncyCastle();

    private Providers() {}

    /** The JCA names of one algorithm in one provider; {@code keyPairParameters} may be null. */
    record JcaNames(String keyPairGenerator, AlgorithmParameterSpec keyPairParameters, String keyFactory,
                    String operation) {}

    static Provider provider(Algorithm algorithm, CryptoProvider choice) {
        if (choice == CryptoProvider.BOUNCY_CASTLE) return BOUNCY_CASTLE;
        String name = switch (algorithm) {
            case ML_DSA_44, ML_DSA_65, ML_DSA_87 -> "SUN";
            case ML_KEM_512, ML_KEM_768, ML_KEM_1024 -> "SunJCE";
            case ED25519, ECDSA_P256, X25519 -> "SunEC";
            default -> throw new UnsupportedAlgorithmException(
                    algorithm + " is not implemented by the JDK; use provider BC");
        };
        Provider provider = Security.getProvider(name);
        if (provider == null) {
            throw new UnsupportedAlgorithmException("the JDK provider " + name + " is missing; QuantumSafe needs a full JDK 25");
        }
        return provider;
    }

    static Provider bouncyCastle() { return BOUNCY_CASTLE; }

    /** Providers that can run the algorithm at all (hybrids are built from their components). */
    static Set<CryptoProvider> supported(Algorithm algorithm) {
        return switch (algorithm) {
            case ML_KEM_512, ML_KEM_768, ML_KEM_1024, ML_DSA_44, ML_DSA_65, ML_DSA_87,
                 ED25519, ECDSA_P256, X25519, X25519_MLKEM768 -> EnumSet.allOf(CryptoProvider.class);
            default -> EnumSet.of(CryptoProvider.BOUNCY_CASTLE);
        };
    }

    /**
     * The provider used unless configured otherwise, chosen by measurement (`./qsafe bench crypto`,
     * table in crypto/README.md): JDK 25 for ML-KEM (about 1.8x faster than Bouncy Castle) and ML-DSA
     * (signing about 2-3x, verifying about 1.3x), which have x86 intrinsics; Bouncy Castle for
     * everything else, including the classical algorithms, where JDK 25's pure-Java field arithmetic
     * loses by far (Ed25519 signing 408 us vs 22 us, ECDSA P-256 verification 314 us vs 60 us, X25519
     * about 2x).
     */
    static CryptoProvider defaultProvider(Algorithm algorithm) {
        return switch (algorithm) {
            case ML_KEM_512, ML_KEM_768, ML_KEM_1024, ML_DSA_44, ML_DSA_65, ML_DSA_87, X25519_MLKEM768 -> CryptoProvider.JDK;
            default -> CryptoProvider.BOUNCY_CASTLE;
        };
    }

    static JcaNames names(Algorithm algorithm, CryptoProvider provider) {
        boolean jdk = provider == CryptoProvider.JDK;
        return switch (algorithm) {
            case ML_KEM_512, ML_KEM_768, ML_KEM_1024 -> named(algorithm.displayName(), "ML-KEM", "ML-KEM");
            case ML_DSA_44, ML_DSA_65, ML_DSA_87 ->
                    named(algorithm.displayName(), "ML-DSA", jdk ? "ML-DSA" : algorithm.displayName());
            case SLH_DSA_SHA2_128S, SLH_DSA_SHA2_128F, SLH_DSA_SHA2_192S, SLH_DSA_SHA2_192F,
                 SLH_DSA_SHA2_256S, SLH_DSA_SHA2_256F, SLH_DSA_SHAKE_128S, SLH_DSA_SHAKE_128F,
                 SLH_DSA_SHAKE_192S, SLH_DSA_SHAKE_192F, SLH_DSA_SHAKE_256S, SLH_DSA_SHAKE_256F -> {
                String bcName = algorithm.displayName().toUpperCase(java.util.Locale.ROOT);
                yield named(bcName, "SLH-DSA", bcName);
            }
            case FN_DSA_512 -> new JcaNames("FALCON-512", FalconParameterSpec.falcon_512, "FALCON", "FALCON-512");
            case FN_DSA_1024 -> new JcaNames("FALCON-1024", FalconParameterSpec.falcon_1024, "FALCON", "FALCON-1024");
            case ED25519 -> named("Ed25519", "Ed25519", "Ed25519");
            case ECDSA_P256 -> new JcaNames("EC", new ECGenParameterSpec("secp256r1"), "EC", "SHA256withECDSA");
            case X25519 -> named("X25519", "X25519", "X25519");
            // Bouncy Castle derives the composite's parameters from its name and refuses a spec.
            case ML_DSA_65_ED25519 -> new JcaNames("MLDSA65-Ed25519-SHA512", null, "MLDSA65-Ed25519-SHA512",
                    "MLDSA65-Ed25519-SHA512");
            case X25519_MLKEM768 -> throw new IllegalArgumentException("hybrid KEM has no single JCA name");
        };
    }

    private static JcaNames named(String keyPairGenerator, String keyFactory, String operation) {
        return new JcaNames(keyPairGenerator, new NamedParameterSpec(keyPairGenerator), keyFactory, operation);
    }

    private static Provider registerBouncyCastle() {
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (existing != null) return existing;
        Provider provider = new BouncyCastleProvider();
        Security.addProvider(provider);
        return provider;
    }
}
